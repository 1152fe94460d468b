/* variete-compare-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VARIETE_TYPE_COMPARE_WINDOW (variete_compare_window_get_type ())

G_DECLARE_FINAL_TYPE (VarieteCompareWindow, variete_compare_window,
                      VARIETE, COMPARE_WINDOW, AdwWindow)

/* A large view of a result over its source, with a before/after slider. The result is decoded
 * from @result_file at screen size off the main loop; @result_preview (may be NULL) is shown
 * until then. */
VarieteCompareWindow *variete_compare_window_new          (GdkPaintable         *source,
                                                           GdkPaintable         *result_preview,
                                                           GFile                *result_file,
                                                           const char           *title);
double                variete_compare_window_get_position (VarieteCompareWindow *self);
void                  variete_compare_window_set_position (VarieteCompareWindow *self,
                                                           double                position);

G_END_DECLS
