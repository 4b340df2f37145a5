#ifndef SLANT_CLIBXML2_SHIM_H
#define SLANT_CLIBXML2_SHIM_H
/*
 * libxml2's headers pull in the system's ICU headers when libxml2 was built
 * with ICU; those clash with the ICU copy inside Swift's Foundation. Slant never
 * touches the ICU-only fields (the tail of xmlCharEncodingHandler), so the ICU
 * declarations are left out.
 */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#endif
