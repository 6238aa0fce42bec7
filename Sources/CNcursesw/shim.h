/* The small C shim behind the ncursesw module: macros that do not import into
 * Swift, and the signal plumbing that must be async-signal-safe (so it lives
 * in C, where a handler can be a plain function touching sig_atomic_t). */
#ifndef TTDN_CNCURSESW_SHIM_H
#define TTDN_CNCURSESW_SHIM_H

#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>

static inline attr_t cn_A_BOLD(void)      { return A_BOLD; }
static inline attr_t cn_A_REVERSE(void)   { return A_REVERSE; }
static inline attr_t cn_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t cn_A_DIM(void)       { return A_DIM; }
static inline attr_t cn_A_NORMAL(void)    { return A_NORMAL; }
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

/* ---- signals -------------------------------------------------------------
 * SIGINT/SIGTERM/SIGHUP only set a flag: the event loop (which polls input
 * with a timeout) sees it and leaves through the one restore path.
 * Fatal signals (a crash) cannot run endwin() safely, so the handler puts the
 * saved termios back and writes the reset sequence with write(2), both
 * async-signal-safe, then re-raises with the default action. */
static volatile sig_atomic_t cn_quit_signal = 0;
static struct termios cn_saved_termios;
static volatile sig_atomic_t cn_have_termios = 0;
static volatile sig_atomic_t cn_screen_active = 0;

static void cn_on_quit_signal(int sig) { cn_quit_signal = sig; }

static void cn_on_fatal_signal(int sig) {
    if (cn_screen_active) {
        static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
        ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
        (void)ignored;
    }
    if (cn_have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &cn_saved_termios);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Installed before initscr so that ncurses keeps ours (it only installs its
 * own SIGINT/SIGTERM handlers where the disposition is still SIG_DFL). */
static inline void cn_install_signal_handlers(void) {
    if (tcgetattr(STDIN_FILENO, &cn_saved_termios) == 0) cn_have_termios = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cn_on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, 0);
    sigaction(SIGTERM, &sa, 0);
    sigaction(SIGHUP, &sa, 0);
    struct sigaction fa;
    memset(&fa, 0, sizeof fa);
    fa.sa_handler = cn_on_fatal_signal;
    sigemptyset(&fa.sa_mask);
    sigaction(SIGSEGV, &fa, 0);
    sigaction(SIGBUS, &fa, 0);
    sigaction(SIGILL, &fa, 0);
    sigaction(SIGFPE, &fa, 0);
    sigaction(SIGABRT, &fa, 0);
    sigaction(SIGTRAP, &fa, 0);
}
static inline int  cn_pending_quit_signal(void) { return cn_quit_signal; }
static inline void cn_set_screen_active(int on) { cn_screen_active = on; }
static inline void cn_restore_saved_termios(void) {
    if (cn_have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &cn_saved_termios);
}

#endif
