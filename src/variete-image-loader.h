/* variete-image-loader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Decodes the image in @file on a worker thread, upright (EXIF orientation) and scaled down
 * to fit @max_size × @max_size (never up; 0 or less for its full size). The texture is made
 * on the caller's thread, in _finish(). */
void        variete_image_load_async  (GFile                *file,
                                       int                   max_size,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
GdkTexture *variete_image_load_finish (GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
