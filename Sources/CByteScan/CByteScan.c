// Everything is inline in include/CByteScan.h; SwiftPM needs one source file for a C target.
#include "CByteScan.h"
