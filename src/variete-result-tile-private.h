/* variete-result-tile-private.h
 *
 * The parts of VarieteResultTile shared by its files: layout, loading and input in
 * variete-result-tile.c; Save As…, Copy, Open With… and dragging out in
 * variete-result-tile-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "variete-result-tile.h"

G_BEGIN_DECLS

#define DRAG_ICON_SIZE 128

struct _VarieteResultTile
{
  GtkWidget             parent_instance;

  GCancellable         *cancellable;       /* everything this tile does; cancelled in dispose */
  GCancellable         *load_cancellable;  /* the thumbnail being decoded */
  GtkFileChooserNative *chooser;

  char                 *title;
  char                 *subtitle;
  char                 *url;
  GFile                *file;
  GdkPaintable         *paintable;
  double                aspect_ratio;
  guint                 is_result : 1;
  guint                 busy : 1;
  guint                 load_failed : 1;

  GtkWidget            *frame;
  GtkWidget            *stack;
  GtkWidget            *picture;
  GtkWidget            *spinner;
  GtkWidget            *menu_button;
  GtkWidget            *context_menu;
  GtkWidget            *caption;
  GtkWidget            *title_label;
  GtkWidget            *subtitle_label;
};

void                _variete_result_tile_show_toast       (VarieteResultTile *self,
                                                           const char        *title);
void                _variete_result_tile_save_as_action   (GtkWidget         *widget,
                                                           const char        *action_name,
                                                           GVariant          *parameter);
void                _variete_result_tile_copy_action      (GtkWidget         *widget,
                                                           const char        *action_name,
                                                           GVariant          *parameter);
void                _variete_result_tile_open_with_action (GtkWidget         *widget,
                                                           const char        *action_name,
                                                           GVariant          *parameter);
GdkContentProvider *_variete_result_tile_drag_prepare_cb  (GtkDragSource     *source,
                                                           double             x,
                                                           double             y,
                                                           VarieteResultTile *self);
void                _variete_result_tile_drag_begin_cb    (GtkDragSource     *source,
                                                           GdkDrag           *drag,
                                                           VarieteResultTile *self);

G_END_DECLS
