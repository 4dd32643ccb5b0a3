/*
 * Force-included (-include) when tests/host builds the kernel's
 * kernel/string.c for the host: each function gets a kstr_ prefix, so it
 * links beside glibc's and test_copy.c can call both. Built with
 * -fno-builtin, so GCC does not turn the loops back into calls to glibc.
 */
#define memcpy          kstr_memcpy
#define memmove         kstr_memmove
#define memset          kstr_memset
#define memcmp          kstr_memcmp
#define strlen          kstr_strlen
#define strnlen         kstr_strnlen
#define strcmp          kstr_strcmp
#define strncmp         kstr_strncmp
#define strchr          kstr_strchr
#define strrchr         kstr_strrchr
#define strlcpy         kstr_strlcpy
#define strtoul         kstr_strtoul
