/* variete-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-application.h"
#include "variete-job.h"
#include "variete-request.h"

G_BEGIN_DECLS

#define VARIETE_TYPE_WINDOW (variete_window_get_type ())

G_DECLARE_FINAL_TYPE (VarieteWindow, variete_window, VARIETE, WINDOW, AdwApplicationWindow)

VarieteWindow *variete_window_new             (VarieteApplication *application);
void           variete_window_open_source     (VarieteWindow      *self,
                                               GFile              *file);
GFile         *variete_window_get_source_file (VarieteWindow      *self);
VarieteRequest *variete_window_get_request    (VarieteWindow      *self);
const char    *variete_window_get_page_name   (VarieteWindow      *self);
GtkWidget     *variete_window_get_generate_button (VarieteWindow  *self);
void           variete_window_show_resumed_job (VarieteWindow     *self,
                                               VarieteJob         *job);

G_END_DECLS
