/* variete-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* Files (and downloads) larger than this are refused before they are read. */
#define VARIETE_SOURCE_MAX_FILE_SIZE (50 * 1000 * 1000)
/* Raster images with more pixels than this are refused from their header, before decoding:
 * a small file can declare a huge image (a decompression bomb). */
#define VARIETE_SOURCE_MAX_PIXELS (100 * 1000 * 1000)
/* The quality of the JPEG sent for an image without transparency. */
#define VARIETE_SOURCE_JPEG_QUALITY 92

#define VARIETE_SOURCE_ERROR (variete_source_error_quark ())

/* Why an image cannot be used. Every message is translated, names the image and says what to
 * do next; G_IO_ERROR_CANCELLED is passed on unchanged and is never shown. */
typedef enum
{
  VARIETE_SOURCE_ERROR_NOT_AN_IMAGE,       /* text, a document, a web page, a drop of nothing */
  VARIETE_SOURCE_ERROR_UNSUPPORTED_FORMAT, /* an image Variete cannot read: HEIC, AVIF, ICO … */
  VARIETE_SOURCE_ERROR_TOO_LARGE,          /* too many bytes, or too many pixels */
  VARIETE_SOURCE_ERROR_CORRUPT,            /* cut short or damaged */
  VARIETE_SOURCE_ERROR_EMPTY,              /* zero bytes */
  VARIETE_SOURCE_ERROR_NOT_READABLE,       /* missing, no permission, a folder, a device */
  VARIETE_SOURCE_ERROR_DOWNLOAD,           /* a remote image: refused address, 404, network */
} VarieteSourceError;

GQuark variete_source_error_quark (void);

#define VARIETE_TYPE_SOURCE (variete_source_get_type ())

G_DECLARE_FINAL_TYPE (VarieteSource, variete_source, VARIETE, SOURCE, GObject)

/*
 * A VarieteSource is a source image after pre-flight: checked, decoded at scale, turned upright
 * (EXIF orientation), fitted to the API's area limit (VARIETE_MAX_AREA) and encoded for
 * sending (PNG when it has transparency, else JPEG), with a thumbnail for display. It is
 * immutable, and made only by the loaders below, which do their work on a worker thread.
 *
 * A local image is sent as a data:image/…;base64 URL. A remote https:// image is downloaded
 * once (capped at VARIETE_SOURCE_MAX_FILE_SIZE) to check and show it, and is sent as its
 * address when the API can take it as it is (PNG, JPEG or WebP, upright, within the area
 * limit); otherwise it is sent like a local image.
 *
 * @thumbnail_size is the largest width or height of the thumbnail, in pixels.
 */
void           variete_source_load_file_async        (GFile                *file,
                                                      int                   thumbnail_size,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void           variete_source_load_bytes_async       (GBytes               *bytes,
                                                      const char           *display_name,
                                                      int                   thumbnail_size,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void           variete_source_load_stream_async      (GInputStream         *stream,
                                                      const char           *display_name,
                                                      int                   thumbnail_size,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void           variete_source_load_pixbuf_async      (GdkPixbuf            *pixbuf,
                                                      const char           *display_name,
                                                      int                   thumbnail_size,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void           variete_source_load_uri_async         (const char           *uri,
                                                      int                   thumbnail_size,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
VarieteSource *variete_source_load_finish            (GAsyncResult         *result,
                                                      GError              **error);

const char    *variete_source_get_url                (VarieteSource        *self);
const char    *variete_source_get_display_name       (VarieteSource        *self);
GFile         *variete_source_get_file               (VarieteSource        *self);
const char    *variete_source_get_uri                (VarieteSource        *self);
gboolean       variete_source_is_remote              (VarieteSource        *self);
GdkPixbuf     *variete_source_get_thumbnail          (VarieteSource        *self);
int            variete_source_get_original_width     (VarieteSource        *self);
int            variete_source_get_original_height    (VarieteSource        *self);
const char    *variete_source_get_original_mime_type (VarieteSource        *self);
int            variete_source_get_sent_width         (VarieteSource        *self);
int            variete_source_get_sent_height        (VarieteSource        *self);
const char    *variete_source_get_sent_mime_type     (VarieteSource        *self);
gsize          variete_source_get_sent_size          (VarieteSource        *self);
char          *variete_source_dup_summary            (VarieteSource        *self);

gboolean       variete_source_fit_size               (int                   width,
                                                      int                   height,
                                                      gint64                max_area,
                                                      gboolean              allow_upscale,
                                                      int                  *fitted_width,
                                                      int                  *fitted_height);
gboolean       variete_source_check_pixels           (const char           *name,
                                                      int                   width,
                                                      int                   height,
                                                      GError              **error);
const char * const *variete_source_get_mime_types    (void);

G_END_DECLS
