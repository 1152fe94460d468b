/* variete-result-tile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VARIETE_TYPE_RESULT_TILE (variete_result_tile_get_type ())

G_DECLARE_FINAL_TYPE (VarieteResultTile, variete_result_tile, VARIETE, RESULT_TILE, GtkWidget)

/*
 * One image of the results view, with its caption: the source, or a result. A result tile
 * decodes its file at display size off the main loop, shows a spinner until then, and offers
 * Save As…, Copy, Open With…, Use as Source and dragging out.
 *
 * Signals:
 *   "activate": clicked, or Enter pressed (results only): compare it with the source.
 *   "use-as-source" (const char *url, GFile *file): the artist chose Use as Source.
 */

GtkWidget    *variete_result_tile_new              (gboolean           is_result);
gboolean      variete_result_tile_get_is_result    (VarieteResultTile *self);
const char   *variete_result_tile_get_title        (VarieteResultTile *self);
void          variete_result_tile_set_title        (VarieteResultTile *self,
                                                    const char        *title);
const char   *variete_result_tile_get_subtitle     (VarieteResultTile *self);
void          variete_result_tile_set_subtitle     (VarieteResultTile *self,
                                                    const char        *subtitle);
GdkPaintable *variete_result_tile_get_paintable    (VarieteResultTile *self);
void          variete_result_tile_set_paintable    (VarieteResultTile *self,
                                                    GdkPaintable      *paintable);
GFile        *variete_result_tile_get_file         (VarieteResultTile *self);
void          variete_result_tile_set_file         (VarieteResultTile *self,
                                                    GFile             *file);
const char   *variete_result_tile_get_url          (VarieteResultTile *self);
void          variete_result_tile_set_url          (VarieteResultTile *self,
                                                    const char        *url);
gboolean      variete_result_tile_get_busy         (VarieteResultTile *self);
void          variete_result_tile_set_busy         (VarieteResultTile *self,
                                                    gboolean           busy);
double        variete_result_tile_get_aspect_ratio (VarieteResultTile *self);
void          variete_result_tile_set_aspect_ratio (VarieteResultTile *self,
                                                    double             aspect_ratio);

G_END_DECLS
