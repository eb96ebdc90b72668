// The entry point of the `eligo-fuzz` executable.
//
// SwiftPM links an executable module expecting a function named `<Module>_main`; a Swift
// module built with -parse-as-library (as libFuzzer needs) defines none, so this one hands
// control to libFuzzer's driver with the Swift side's `LLVMFuzzerTestOneInput`.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int EligoFuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
