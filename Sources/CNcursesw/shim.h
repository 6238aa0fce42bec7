/* The small C shim behind the ncursesw module: macros and globals that do not
 * import into Swift. Signal handling lives in the CSignals target. */
#ifndef TTDN_CNCURSESW_SHIM_H
#define TTDN_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static inline attr_t cn_A_BOLD(void)      { return A_BOLD; }
static inline attr_t cn_A_REVERSE(void)   { return A_REVERSE; }
static inline attr_t cn_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t cn_A_DIM(void)       { return A_DIM; }
static inline attr_t cn_A_NORMAL(void)    { return A_NORMAL; }
static inline attr_t cn_A_ITALIC(void)    { return A_ITALIC; }
static inline int    cn_colors(void)      { return COLORS; }
static inline int    cn_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t cn_COLOR_PAIR(int n) { return (attr_t)COLOR_PAIR(n); }
static inline int    cn_KEY_F(int n)      { return KEY_F(n); }
static inline mmask_t cn_mouse_mask(void) {
    return BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED;
}
static inline int cn_is_button1(mmask_t m) { return (m & (BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED)) != 0; }
static inline int cn_is_wheel_up(mmask_t m) { return (m & BUTTON4_PRESSED) != 0; }
static inline int cn_is_wheel_down(mmask_t m) { return (m & BUTTON5_PRESSED) != 0; }
static inline void   cn_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline int    cn_wcwidth(unsigned int cp) { return wcwidth((wchar_t)cp); }
static inline const char *cn_codeset(void) { return nl_langinfo(CODESET); }

#endif
