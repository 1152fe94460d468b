/* variete-compare-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VARIETE_TYPE_COMPARE_VIEW (variete_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (VarieteCompareView, variete_compare_view, VARIETE, COMPARE_VIEW, GtkWidget)

/* The result over the source, fitted to the widget, split at "position" (0 = all result,
 * 1 = all source): the source ("before") left of the split, the result ("after") right of it.
 * Dragging or clicking moves the split. */

GtkWidget    *variete_compare_view_new          (void);
GdkPaintable *variete_compare_view_get_before   (VarieteCompareView *self);
void          variete_compare_view_set_before   (VarieteCompareView *self,
                                                 GdkPaintable       *before);
GdkPaintable *variete_compare_view_get_after    (VarieteCompareView *self);
void          variete_compare_view_set_after    (VarieteCompareView *self,
                                                 GdkPaintable       *after);
double        variete_compare_view_get_position (VarieteCompareView *self);
void          variete_compare_view_set_position (VarieteCompareView *self,
                                                 double              position);

G_END_DECLS
