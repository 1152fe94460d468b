/* variete-source-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-source.h"

G_BEGIN_DECLS

/* The largest side of the thumbnail the view shows, in pixels. */
#define VARIETE_SOURCE_VIEW_THUMBNAIL_SIZE 1024

#define VARIETE_TYPE_SOURCE_VIEW (variete_source_view_get_type ())

G_DECLARE_FINAL_TYPE (VarieteSourceView, variete_source_view, VARIETE, SOURCE_VIEW, AdwBin)

/* The URL to send as imageUrl once pre-flight has finished (a data: URL for a local image, the
 * https URL itself for a remote one), or NULL while there is no usable source. Also the
 * "source-url" property, which notifies when it changes. */
const char    *variete_source_view_get_source_url (VarieteSourceView *self);
/* The current source after pre-flight, or NULL. Also the "source" property. */
VarieteSource *variete_source_view_get_source     (VarieteSourceView *self);
/* Whether a pre-flight is running. Also the "loading" property. */
gboolean       variete_source_view_get_loading    (VarieteSourceView *self);
/* Loads a local file or a remote URI (from the command line, Open With, a drop, Open…). */
void           variete_source_view_load_file      (VarieteSourceView *self,
                                                   GFile             *file);
/* win.open-source: the portal file chooser with image filters. */
void           variete_source_view_open           (VarieteSourceView *self);
/* win.paste-source: an image, a file or a URL from the clipboard. */
void           variete_source_view_paste          (VarieteSourceView *self);

G_END_DECLS
