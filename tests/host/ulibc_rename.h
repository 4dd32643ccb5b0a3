/*
 * Force-included (-include) when tests/host builds parts of the user
 * libc (user/libc/) for the host: every name they define or call gets a
 * uvix_ prefix, so they link beside glibc's own, test_ulibc.c calls them
 * as uvix_snprintf and so on, and the Makefile checks that no unprefixed
 * symbol escaped. What they call outside themselves (uvix_sbrk,
 * uvix_write, ...) test_ulibc.c provides.
 */
#define __vformat       uvix___vformat
#define abort           uvix_abort
#define abs             uvix_abs
#define atoi            uvix_atoi
#define atol            uvix_atol
#define atoll           uvix_atoll
#define bsearch         uvix_bsearch
#define calloc          uvix_calloc
#define div             uvix_div
#define errno           uvix_errno
#define free            uvix_free
#define getpagesize     uvix_getpagesize
#define isalnum         uvix_isalnum
#define isalpha         uvix_isalpha
#define isascii         uvix_isascii
#define isblank         uvix_isblank
#define iscntrl         uvix_iscntrl
#define isdigit         uvix_isdigit
#define isgraph         uvix_isgraph
#define islower         uvix_islower
#define isprint         uvix_isprint
#define ispunct         uvix_ispunct
#define isspace         uvix_isspace
#define isupper         uvix_isupper
#define isxdigit        uvix_isxdigit
#define labs            uvix_labs
#define ldiv            uvix_ldiv
#define llabs           uvix_llabs
#define malloc          uvix_malloc
#define memchr          uvix_memchr
#define memcmp          uvix_memcmp
#define memcpy          uvix_memcpy
#define memmove         uvix_memmove
#define memset          uvix_memset
#define mmap            uvix_mmap
#define munmap          uvix_munmap
#define qsort           uvix_qsort
#define rand            uvix_rand
#define realloc         uvix_realloc
#define sbrk            uvix_sbrk
#define snprintf        uvix_snprintf
#define sprintf         uvix_sprintf
#define srand           uvix_srand
#define stpcpy          uvix_stpcpy
#define strcasecmp      uvix_strcasecmp
#define strcat          uvix_strcat
#define strchr          uvix_strchr
#define strcmp          uvix_strcmp
#define strcoll         uvix_strcoll
#define strcpy          uvix_strcpy
#define strcspn         uvix_strcspn
#define strdup          uvix_strdup
#define strlcat         uvix_strlcat
#define strlcpy         uvix_strlcpy
#define strlen          uvix_strlen
#define strncasecmp     uvix_strncasecmp
#define strncat         uvix_strncat
#define strncmp         uvix_strncmp
#define strncpy         uvix_strncpy
#define strndup         uvix_strndup
#define strnlen         uvix_strnlen
#define strpbrk         uvix_strpbrk
#define strrchr         uvix_strrchr
#define strsep          uvix_strsep
#define strspn          uvix_strspn
#define strstr          uvix_strstr
#define strtoimax       uvix_strtoimax
#define strtok          uvix_strtok
#define strtok_r        uvix_strtok_r
#define strtol          uvix_strtol
#define strtoll         uvix_strtoll
#define strtoul         uvix_strtoul
#define strtoull        uvix_strtoull
#define strtoumax       uvix_strtoumax
#define tolower         uvix_tolower
#define toupper         uvix_toupper
#define vsnprintf       uvix_vsnprintf
#define vsprintf        uvix_vsprintf
#define write           uvix_write
