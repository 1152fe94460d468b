/* variete-history-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-library.h"

G_BEGIN_DECLS

#define VARIETE_TYPE_HISTORY_WINDOW (variete_history_window_get_type ())

G_DECLARE_FINAL_TYPE (VarieteHistoryWindow, variete_history_window,
                      VARIETE, HISTORY_WINDOW, AdwWindow)

/*
 * Past and running jobs of a VarieteLibrary.
 *
 * Signals:
 *   "restore" (VarieteRequest *request): the artist wants this job's parameters back in the
 *   form. @request belongs to the job: copy it.
 */

VarieteHistoryWindow *variete_history_window_new         (VarieteLibrary       *library);
VarieteLibrary       *variete_history_window_get_library (VarieteHistoryWindow *self);

G_END_DECLS
