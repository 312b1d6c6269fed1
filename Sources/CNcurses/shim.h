#ifndef CRONTUI_CNCURSES_SHIM_H
#define CRONTUI_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D flags, so the wide-character API must be switched on here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Swift 6 refuses these mutable globals as not concurrency-safe; read them through functions.
static inline WINDOW *crontui_stdscr(void) { return stdscr; }
static inline int crontui_lines(void) { return LINES; }
static inline int crontui_cols(void) { return COLS; }
static inline void crontui_set_escdelay(int ms) { set_escdelay(ms); }

// getmaxyx is a macro.
static inline void crontui_getmaxyx(WINDOW *w, int *rows, int *cols) {
    int y, x;
    getmaxyx(w, y, x);
    *rows = y;
    *cols = x;
}

// Attribute macros are built from casts Swift cannot import.
static inline int crontui_a_bold(void) { return (int)A_BOLD; }
static inline int crontui_a_dim(void) { return (int)A_DIM; }
static inline int crontui_a_reverse(void) { return (int)A_REVERSE; }
static inline int crontui_a_underline(void) { return (int)A_UNDERLINE; }
static inline int crontui_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int crontui_key_f(int n) { return KEY_F(n); }

// newterm wants the C stdio streams, which Swift 6 refuses as mutable globals.
static inline SCREEN *crontui_newterm(const char *type) { return newterm(type, stdout, stdin); }

// wcwidth is declared only under _XOPEN_SOURCE, which would change what the other headers declare.
extern int wcwidth(wchar_t c);
static inline int crontui_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// posix_openpt and its friends are declared only under _XOPEN_SOURCE; the benchmark's meter needs a pty.
extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern int ptsname_r(int fd, char *buf, size_t buflen);
static inline int crontui_open_pty(int *slave) {
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    char name[128];
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof name) != 0) {
        if (master >= 0) close(master);
        return -1;
    }
    *slave = open(name, O_RDWR | O_NOCTTY);
    if (*slave < 0) {
        close(master);
        return -1;
    }
    return master;
}

// COLORS is a mutable global.
static inline int crontui_colors(void) { return COLORS; }

// curscr is a mutable global; clearok on it makes the next doupdate repaint everything (Ctrl-L).
static inline void crontui_force_repaint(void) { clearok(curscr, TRUE); }

// ioctl is variadic, which Swift cannot call.
static inline int crontui_get_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

// ioctl is variadic, which Swift cannot call.
static inline int crontui_set_winsize(int fd, int rows, int cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

// nl_langinfo(CODESET) compared here to keep the returned pointer out of Swift.
static inline int crontui_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

// Signal handlers must be async-signal-safe, which Swift code cannot promise, so they live here.
// Call these from one Swift file only: each object file that uses them gets its own copy of the state.
struct crontui_signal_state {
    volatile sig_atomic_t signal_seen;
    volatile sig_atomic_t winch_seen;
    int wake_fd;
    int tty_fd;
    int saved_tio_ok;
    struct termios saved_tio;
    int reset_len;
    char reset_seq[256];
};

// Swift emits a header's static scalars but not its static arrays or structs, so the state lives here.
static inline struct crontui_signal_state *crontui_signal_state(void) {
    static struct crontui_signal_state state = {0, 0, -1, 1, 0, {0}, 0, {0}};
    return &state;
}

// SIGINT, SIGTERM, SIGHUP and SIGWINCH: note the signal and wake the terminal loop.
static inline void crontui_on_signal(int sig) {
    int saved = errno;
    if (sig == SIGWINCH) crontui_signal_state()->winch_seen = 1;
    else crontui_signal_state()->signal_seen = sig;
    if (crontui_signal_state()->wake_fd >= 0) {
        char byte = 1;
        (void)!write(crontui_signal_state()->wake_fd, &byte, 1);
    }
    errno = saved;
}

// A crash: put the terminal back with write(2) and tcsetattr only, then die of the same signal.
static inline void crontui_on_fatal(int sig) {
    struct crontui_signal_state *st = crontui_signal_state();
    if (st->reset_len > 0) (void)!write(st->tty_fd, st->reset_seq, (size_t)st->reset_len);
    if (st->saved_tio_ok) tcsetattr(0, TCSANOW, &st->saved_tio);
    raise(sig);
}

// Remembers the terminal modes before curses changes them, for the crash handler.
static inline void crontui_save_tty(void) {
    struct crontui_signal_state *st = crontui_signal_state();
    st->saved_tio_ok = tcgetattr(0, &st->saved_tio) == 0;
}

// Installs the handlers; `reset` is written to `tty_fd` on a crash (rmcup, cnorm, sgr0...).
static inline void crontui_signals_install(int wake_fd, int tty_fd, const char *reset, int reset_len) {
    struct crontui_signal_state *st = crontui_signal_state();
    st->wake_fd = wake_fd;
    st->tty_fd = tty_fd;
    st->signal_seen = 0;
    if (reset_len > (int)sizeof st->reset_seq) reset_len = (int)sizeof st->reset_seq;
    memcpy(st->reset_seq, reset, (size_t)reset_len);
    st->reset_len = reset_len;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = crontui_on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGWINCH, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sa.sa_handler = crontui_on_fatal;
    sa.sa_flags = SA_RESETHAND;
    int fatal[] = {SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &sa, NULL);
}

// Puts every handler back to the default once the terminal is restored.
static inline void crontui_signals_remove(void) {
    int all[] = {SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGSEGV, SIGBUS, SIGFPE, SIGABRT, SIGILL, SIGTRAP};
    for (unsigned i = 0; i < sizeof all / sizeof all[0]; i++) signal(all[i], SIG_DFL);
    crontui_signal_state()->wake_fd = -1;
    crontui_signal_state()->reset_len = 0;
}

// The last SIGINT/SIGTERM/SIGHUP seen, or 0.
static inline int crontui_signal_pending(void) { return crontui_signal_state()->signal_seen; }

// Whether SIGWINCH arrived since the last call.
static inline int crontui_winch_take(void) {
    int seen = crontui_signal_state()->winch_seen;
    crontui_signal_state()->winch_seen = 0;
    return seen;
}

// Lets the calling thread receive the signals the loop waits for (a parent may have blocked them).
static inline void crontui_unblock_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGWINCH);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

#endif
