#include "csignals.h"
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t quit_signal = 0;
static volatile sig_atomic_t have_termios = 0;
static volatile sig_atomic_t screen_active = 0;
static struct termios saved_termios;

static void on_quit_signal(int sig) { quit_signal = sig; }

static void on_fatal_signal(int sig) {
    if (screen_active) {
        static const char reset[] = "\033[?1000l\033[?1002l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
        ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
        (void)ignored;
    }
    if (have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    signal(sig, SIG_DFL);
    raise(sig);
}

void cs_install_signal_handlers(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_termios = 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_quit_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, 0);
    sigaction(SIGTERM, &sa, 0);
    sigaction(SIGHUP, &sa, 0);
    struct sigaction fa;
    memset(&fa, 0, sizeof fa);
    fa.sa_handler = on_fatal_signal;
    sigemptyset(&fa.sa_mask);
    sigaction(SIGSEGV, &fa, 0);
    sigaction(SIGBUS, &fa, 0);
    sigaction(SIGILL, &fa, 0);
    sigaction(SIGFPE, &fa, 0);
    sigaction(SIGABRT, &fa, 0);
    sigaction(SIGTRAP, &fa, 0);
}

int cs_pending_quit_signal(void) { return quit_signal; }
void cs_set_screen_active(int on) { screen_active = on; }
void cs_restore_saved_termios(void) {
    if (have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}
