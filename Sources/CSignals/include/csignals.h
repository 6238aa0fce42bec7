/* Signal plumbing for the terminal shell. It must be async-signal-safe, so it
 * is C: handlers only set a sig_atomic_t, or (on a crash) restore the saved
 * termios and write the terminal reset sequence with write(2). */
#ifndef TTDN_CSIGNALS_H
#define TTDN_CSIGNALS_H

/* Saves the terminal modes and installs handlers. Call before initscr so
 * that ncurses keeps ours (it only installs its own where SIG_DFL). */
void cs_install_signal_handlers(void);
/* The last SIGINT/SIGTERM/SIGHUP received, or 0. */
int cs_pending_quit_signal(void);
/* Whether the screen is in curses mode (the crash handler resets it then). */
void cs_set_screen_active(int on);
/* Puts back the terminal modes saved at install time. */
void cs_restore_saved_termios(void);

#endif
