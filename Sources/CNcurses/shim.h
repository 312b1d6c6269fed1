#ifndef CRONTUI_CNCURSES_SHIM_H
#define CRONTUI_CNCURSES_SHIM_H

// SwiftPM drops pkg-config's -D flags, so the wide-character API must be switched on here.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
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

#endif
