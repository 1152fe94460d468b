/* variete-fake-server-images.c
 *
 * The fake server's result images: made from the source, so that a test (or the offline demo)
 * can see its own picture come back, but visibly changed: inverted, tinted per batch index and
 * scaled to the result size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-fake-server"

#include <gio/gio.h>

#include "variete-fake-server-private.h"

typedef struct
{
  const char *content_type;
  const char *pixbuf_type;
  const char *extension;
} ResultFormat;

static const ResultFormat formats[] = {
  { "image/png", "png", "png" },
  { "image/jpeg", "jpeg", "jpg" },
  { "image/webp", "webp", "webp" },
};

static const ResultFormat *
lookup_format (const char *content_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_strcmp0 (content_type, formats[i].content_type) == 0)
        return &formats[i];
    }

  return NULL;
}

/* Returns: (nullable): the file extension of results of @content_type */
const char *
variete_fake_server_type_to_extension (const char *content_type)
{
  const ResultFormat *format = lookup_format (content_type);

  return format ? format->extension : NULL;
}

/* Returns: whether GdkPixbuf can encode @content_type here (WebP needs webp-pixbuf-loader). */
gboolean
variete_fake_server_can_write (const char *content_type)
{
  const ResultFormat *format = lookup_format (content_type);
  g_autoptr(GSList) pixbuf_formats = NULL;

  if (format == NULL)
    return FALSE;

  pixbuf_formats = gdk_pixbuf_get_formats ();
  for (const GSList *l = pixbuf_formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_str_equal (name, format->pixbuf_type))
        return gdk_pixbuf_format_is_writable (l->data);
    }

  return FALSE;
}

/**
 * variete_fake_server_decode_data_url:
 * @url: a data:image/…;base64,… URL
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the image, turned as its EXIF orientation says
 */
GdkPixbuf *
variete_fake_server_decode_data_url (const char  *url,
                                     GError     **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autofree guchar *data = NULL;
  const char *comma;
  gsize size;
  GdkPixbuf *pixbuf;

  comma = strchr (url, ',');
  if (!g_str_has_prefix (url, "data:") || comma == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not a data: URL");
      return NULL;
    }

  data = g_base64_decode (comma + 1, &size);

  loader = gdk_pixbuf_loader_new ();
  if (!gdk_pixbuf_loader_write (loader, data, size, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }

  if (!gdk_pixbuf_loader_close (loader, error))
    return NULL;

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not an image");
      return NULL;
    }

  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* Returns: (transfer full): a diagonal gradient, the stand-in for a source it cannot fetch */
GdkPixbuf *
variete_fake_server_new_gradient (int width,
                                  int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    {
      guchar *p = pixels + (gsize) y * rowstride;

      for (int x = 0; x < width; x++, p += 3)
        {
          p[0] = (guchar) (255 * x / MAX (width - 1, 1));
          p[1] = (guchar) (255 * y / MAX (height - 1, 1));
          p[2] = 128;
        }
    }

  return pixbuf;
}

/**
 * variete_fake_server_render_result:
 * @source: (nullable): the source image, %NULL for a gradient
 * @index: the batch index of the result, from 1
 * @width: the width of the result
 * @height: the height of the result
 * @content_type: "image/png", "image/jpeg" or "image/webp"
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the encoded result
 */
GBytes *
variete_fake_server_render_result (GdkPixbuf   *source,
                                   guint        index,
                                   int          width,
                                   int          height,
                                   const char  *content_type,
                                   GError     **error)
{
  const ResultFormat *format = lookup_format (content_type);
  g_autoptr(GdkPixbuf) scaled = NULL;
  g_autoptr(GdkPixbuf) result = NULL;
  g_autofree char *buffer = NULL;
  const guchar *in_pixels;
  guchar *out_pixels;
  int in_stride, out_stride, n_channels;
  gboolean has_alpha;
  gsize size;

  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  if (source != NULL)
    scaled = gdk_pixbuf_scale_simple (source, width, height, GDK_INTERP_BILINEAR);
  else
    scaled = variete_fake_server_new_gradient (width, height);

  /* Inverted over white, without alpha (JPEG has none), and each batch image tinted apart. */
  result = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  in_pixels = gdk_pixbuf_read_pixels (scaled);
  out_pixels = gdk_pixbuf_get_pixels (result);
  in_stride = gdk_pixbuf_get_rowstride (scaled);
  out_stride = gdk_pixbuf_get_rowstride (result);
  n_channels = gdk_pixbuf_get_n_channels (scaled);
  has_alpha = gdk_pixbuf_get_has_alpha (scaled);

  for (int y = 0; y < height; y++)
    {
      const guchar *in = in_pixels + (gsize) y * in_stride;
      guchar *out = out_pixels + (gsize) y * out_stride;

      for (int x = 0; x < width; x++, in += n_channels, out += 3)
        {
          guint alpha = has_alpha ? in[3] : 255;

          for (int c = 0; c < 3; c++)
            {
              guint over_white = (in[c] * alpha + 255 * (255 - alpha)) / 255;

              out[c] = (guchar) (255 - over_white);
            }

          if (index % 2 == 0)
            out[2] = (guchar) MIN (255, out[2] + 96);
        }
    }

  if (g_str_equal (format->pixbuf_type, "png"))
    {
      if (!gdk_pixbuf_save_to_buffer (result, &buffer, &size, "png", error, NULL))
        return NULL;
    }
  else
    {
      if (!gdk_pixbuf_save_to_buffer (result, &buffer, &size, format->pixbuf_type, error,
                                      "quality", "90", NULL))
        return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&buffer), size);
}
