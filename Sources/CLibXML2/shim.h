// libxml2's HTML parser and tree, for turning fetched pages into plain text.
#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and its encoding header then includes ICU's headers, which
// clash with the copy of ICU inside Foundation. Nothing here uses the ICU converter fields, so
// the headers are read as if libxml2 had been built without it; the library is unchanged.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }

#endif
