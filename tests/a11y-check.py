#!/usr/bin/python3
# a11y-check.py PID WINDOW-TITLE [--require NAME]…
#
# Reads the accessibility tree of one window of process PID the way a screen reader does, over
# AT-SPI, and fails when an interactive widget has no accessible name. test-a11y.c runs it while
# it spins its own main loop, so the app can answer.
#
# GTK 4.8 has no public getter for the name it computes (label property, labelled-by relation,
# the button's text…); the AT-SPI bridge is where that computation is visible. When a widget has
# no name, GTK 4.8 falls back to a type name ("GtkImage" for an icon-only button, "GtkMenuButton"),
# so such a name counts as none.
#
# Every line goes to stderr: the caller is a TAP test and stdout would be parsed as TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import re
import sys
import time

import pyatspi

INTERACTIVE_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM,
    pyatspi.ROLE_PAGE_TAB,
}

# Interactive only when they take the focus: a text view or entry (not a label), a row of a
# list (not the plain items of a combo row), a list the keyboard moves through.
FOCUSABLE_ROLES = {
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_LIST_ITEM,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_TREE_ITEM,
    pyatspi.ROLE_TABLE_CELL,
    pyatspi.ROLE_IMAGE,
}

TYPE_NAME = re.compile(r'^(Gtk|Adw|Variete)[A-Z][A-Za-z]*$')


def has_raw_mnemonic(name):
    """GTK 4.8 names a button with a mnemonic "_Connect Connect" unless the app corrects it."""
    words = name.split()
    return any('_' in w and w.replace('_', '') in words for w in words)



def log(*args):
    print(*args, file=sys.stderr, flush=True)


def find_application(pid, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        time.sleep(0.2)
    return None


def find_windows(app, title, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        windows = [w for w in app if w is not None and w.name == title]
        if windows:
            return windows
        time.sleep(0.2)
    return []


def is_nameless(name):
    name = (name or '').strip()
    return name == '' or TYPE_NAME.match(name) is not None


def is_interactive(acc, role):
    if role in INTERACTIVE_ROLES:
        return True
    if role in FOCUSABLE_ROLES:
        return acc.getState().contains(pyatspi.STATE_FOCUSABLE)
    return False


def describe(path):
    return ' > '.join(f'{role}{"(" + name + ")" if name and not is_nameless(name) else ""}'
                      for role, name in path)


def walk(acc, path, report):
    try:
        role = acc.getRole()
        role_name = acc.getRoleName()
        name = acc.name
    except Exception as e:  # A widget that went away while we looked.
        log(f'  (skipped a node that disappeared: {e})')
        return

    path = path + [(role_name, name)]

    if is_interactive(acc, role):
        report['checked'].append(name)
        if report['list']:
            log(f'  {role_name}: "{name}"{" — " + acc.description if acc.description else ""}')
        if is_nameless(name):
            report['nameless'].append(f'{role_name} "{name}" at {describe(path)}'
                                      f'{" — description: " + acc.description if acc.description else ""}')
        elif has_raw_mnemonic(name):
            report['nameless'].append(f'{role_name} "{name}" (a raw mnemonic, read out as '
                                      f'"underscore") at {describe(path)}')

    # A combo row's popover list and the item it shows are libadwaita's own, reached through the
    # combo box, which carries the name.
    if role == pyatspi.ROLE_COMBO_BOX:
        return

    for child in acc:
        if child is not None:
            walk(child, path, report)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('pid', type=int)
    parser.add_argument('title')
    parser.add_argument('--require', action='append', default=[],
                        help='a name at least one interactive widget must have')
    parser.add_argument('--timeout', type=float, default=15)
    parser.add_argument('--list', action='store_true', default='A11Y_CHECK_LIST' in os.environ,
                        help='list every interactive widget checked (also: A11Y_CHECK_LIST=1)')
    options = parser.parse_args()

    app = find_application(options.pid, options.timeout)
    if app is None:
        log(f'a11y-check: process {options.pid} is not on the accessibility bus')
        return 2

    windows = find_windows(app, options.title, options.timeout)
    if not windows:
        log(f'a11y-check: no window "{options.title}" in process {options.pid}; it has: ' +
            ', '.join(repr(w.name) for w in app if w is not None))
        return 2

    report = {'checked': [], 'nameless': [], 'list': options.list}
    for window in windows:
        walk(window, [], report)

    log(f'a11y-check: "{options.title}": {len(report["checked"])} interactive widgets, '
        f'{len(report["nameless"])} without a name')
    for line in report['nameless']:
        log(f'  no accessible name: {line}')

    missing = [n for n in options.require if n not in report['checked']]
    for name in missing:
        log(f'  expected an interactive widget named "{name}"; names seen: '
            + ', '.join(repr(n) for n in report['checked']))

    if not report['checked']:
        log('a11y-check: no interactive widget at all: the tree was not read')
        return 1

    return 1 if report['nameless'] or missing else 0


if __name__ == '__main__':
    sys.exit(main())
