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

static void install(int sig, void (*handler)(int)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, 0);
}

void cs_install_signal_handlers(void) {
    if (tcgetattr(STDIN_FILENO, &saved_termios) == 0) have_termios = 1;
    const int quit[] = {SIGINT, SIGTERM, SIGHUP};
    const int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (unsigned i = 0; i < sizeof quit / sizeof *quit; i++) install(quit[i], on_quit_signal);
    for (unsigned i = 0; i < sizeof fatal / sizeof *fatal; i++) install(fatal[i], on_fatal_signal);
}

int cs_pending_quit_signal(void) { return quit_signal; }
void cs_set_screen_active(int on) { screen_active = on; }
void cs_restore_saved_termios(void) {
    if (have_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
}
