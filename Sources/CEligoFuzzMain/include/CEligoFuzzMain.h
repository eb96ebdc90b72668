// Nothing to import: this target only supplies the fuzzer executable's entry point (FuzzMain.c).
