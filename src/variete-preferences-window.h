/* variete-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-application.h"

G_BEGIN_DECLS

#define VARIETE_TYPE_PREFERENCES_WINDOW (variete_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (VarietePreferencesWindow, variete_preferences_window, VARIETE, PREFERENCES_WINDOW, AdwPreferencesWindow)

VarietePreferencesWindow *variete_preferences_window_new (VarieteApplication *application);

G_END_DECLS
