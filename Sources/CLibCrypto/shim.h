#ifndef SLANT_CLIBCRYPTO_SHIM_H
#define SLANT_CLIBCRYPTO_SHIM_H
/*
 * SHA-256 from the system's libcrypto (OpenSSL), through its EVP digest
 * interface: the only cryptography Slant needs is content digests.
 */
#include <openssl/evp.h>
#endif
