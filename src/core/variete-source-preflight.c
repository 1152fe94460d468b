/* variete-source-preflight.c
 *
 * Turns the bytes of an image into what the API is sent, on a worker thread: sniff the type
 * from the bytes (never the name), refuse what cannot be read, read the header and refuse
 * decompression bombs before decoding, decode once at the scale that is sent (GdkPixbuf's JPEG
 * and WebP loaders decode at scale; SVG renders at it), turn the image upright, encode it, and
 * make the thumbnail from that decode.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_LOG_DOMAIN "variete-core"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include "variete-enums.h"
#include "variete-source-private.h"

/* Large enough for any header, small enough to keep the first answer quick. */
#define READ_CHUNK_SIZE (256 * 1024)

typedef struct
{
  const char *mime_type;
  const char *name;
  guint       vector : 1;    /* rendered at the size we ask for: no pixel limit */
  guint       sendable : 1;  /* the API takes it as it is (API.md, Source image) */
} Format;

/* The images Variete reads, most wanted first: clipboards offer several, and the view asks
 * for them in this order (variete_source_get_mime_types()). */
static const Format formats[] = {
  { "image/png",     "PNG",  FALSE, TRUE  },
  { "image/jpeg",    "JPEG", FALSE, TRUE  },
  { "image/webp",    "WebP", FALSE, TRUE  },
  { "image/gif",     "GIF",  FALSE, FALSE },
  { "image/bmp",     "BMP",  FALSE, FALSE },
  { "image/tiff",    "TIFF", FALSE, FALSE },
  { "image/svg+xml", "SVG",  TRUE,  FALSE },
};

static const Format *
lookup_format (const char *content_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_content_type_equals (content_type, formats[i].mime_type))
      return &formats[i];

  /* Aliases and subclasses (image/x-ms-bmp …), after the exact names. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_content_type_is_a (content_type, formats[i].mime_type))
      return &formats[i];

  return NULL;
}

const char *
variete_source_format_name (const char *mime_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_strcmp0 (mime_type, formats[i].mime_type) == 0)
      return formats[i].name;

  return mime_type;
}

/**
 * variete_source_get_mime_types:
 *
 * Gets the MIME types of the images Variete reads, most wanted first, as a file chooser
 * filter or a clipboard read asks for them.
 *
 * Returns: (array zero-terminated=1) (transfer none): the MIME types
 */
const char * const *
variete_source_get_mime_types (void)
{
  static const char *mime_types[G_N_ELEMENTS (formats) + 1];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        mime_types[i] = formats[i].mime_type;
      mime_types[G_N_ELEMENTS (formats)] = NULL;

      g_once_init_leave (&initialized, 1);
    }

  return mime_types;
}

/**
 * variete_source_fit_size:
 * @width: the width of an image
 * @height: its height
 * @max_area: the largest width × height allowed
 * @allow_upscale: whether a smaller image is enlarged to @max_area (vector images)
 * @fitted_width: (out): the width to use
 * @fitted_height: (out): the height to use
 *
 * Computes the largest size with the aspect of @width × @height whose area is at most
 * @max_area, each side at least 1.
 *
 * Returns: whether the fitted size differs from @width × @height
 */
gboolean
variete_source_fit_size (int       width,
                         int       height,
                         gint64    max_area,
                         gboolean  allow_upscale,
                         int      *fitted_width,
                         int      *fitted_height)
{
  double scale;
  gint64 w, h;

  g_return_val_if_fail (width > 0 && height > 0 && max_area > 0, FALSE);
  g_return_val_if_fail (fitted_width != NULL && fitted_height != NULL, FALSE);

  if ((gint64) width * height <= max_area && !allow_upscale)
    {
      *fitted_width = width;
      *fitted_height = height;
      return FALSE;
    }

  scale = sqrt ((double) max_area / ((double) width * (double) height));
  w = MAX (1, (gint64) floor (width * scale));
  h = MAX (1, (gint64) floor (height * scale));

  /* Rounding, or a side clamped to 1 pixel, can land over the limit: trim the other side. */
  if (w * h > max_area)
    {
      if (w >= h)
        w = MAX (1, max_area / h);
      else
        h = MAX (1, max_area / w);
    }

  *fitted_width = (int) MIN (w, G_MAXINT);
  *fitted_height = (int) MIN (h, G_MAXINT);

  return *fitted_width != width || *fitted_height != height;
}

/* Whether the image arrived whole. GdkPixbuf's loaders return a partial image without an error
 * when a JPEG or PNG is cut short, so the container is followed here as it streams by: JPEG to
 * its EOI marker after the scan, PNG to its IEND chunk, WebP to the length in its RIFF header. */
typedef enum
{
  SCAN_OTHER,      /* left to the loader */
  SCAN_JPEG_MARKER,
  SCAN_JPEG_CODE,
  SCAN_JPEG_LENGTH_HI,
  SCAN_JPEG_LENGTH_LO,
  SCAN_JPEG_SKIP,
  SCAN_JPEG_ENTROPY,
  SCAN_JPEG_ENTROPY_FF,
  SCAN_PNG_SIGNATURE,
  SCAN_PNG_CHUNK_HEADER,
  SCAN_PNG_SKIP,
  SCAN_WEBP,
  SCAN_DONE,
} ScanState;

typedef struct
{
  ScanState state;
  guint8    marker;
  guint8    header[8];
  guint     header_len;
  guint64   length;
  guint64   skip;
  guint64   total;
  guint64   expected;
  gboolean  complete;
} Scanner;

static void
scanner_init (Scanner    *scanner,
              const char *mime_type)
{
  memset (scanner, 0, sizeof *scanner);

  if (strcmp (mime_type, "image/jpeg") == 0)
    scanner->state = SCAN_JPEG_MARKER;
  else if (strcmp (mime_type, "image/png") == 0)
    {
      scanner->state = SCAN_PNG_SIGNATURE;
      scanner->skip = 8;
    }
  else if (strcmp (mime_type, "image/webp") == 0)
    scanner->state = SCAN_WEBP;
  else
    {
      scanner->state = SCAN_OTHER;
      scanner->complete = TRUE;
    }
}

static void
scanner_after_jpeg_segment (Scanner *scanner)
{
  /* Entropy-coded data follows a start of scan (0xDA), up to the next marker. */
  scanner->state = scanner->marker == 0xDA ? SCAN_JPEG_ENTROPY : SCAN_JPEG_MARKER;
}

static void
scanner_feed (Scanner      *scanner,
              const guint8 *data,
              gsize         len)
{
  const guint8 *end = data + len;

  if (scanner->state == SCAN_WEBP)
    {
      if (scanner->total < 8)
        {
          for (gsize i = 0; i < len && scanner->total + i < 8; i++)
            scanner->header[scanner->total + i] = data[i];
          if (scanner->total + len >= 8)
            scanner->expected = 8 + ((guint64) scanner->header[4] |
                                     (guint64) scanner->header[5] << 8 |
                                     (guint64) scanner->header[6] << 16 |
                                     (guint64) scanner->header[7] << 24);
        }
      scanner->total += len;
      scanner->complete = scanner->expected > 0 && scanner->total >= scanner->expected;
      return;
    }

  while (data < end)
    {
      switch (scanner->state)
        {
        case SCAN_JPEG_MARKER:
          if (*data++ == 0xFF)
            scanner->state = SCAN_JPEG_CODE;
          break;

        case SCAN_JPEG_CODE:
          scanner->marker = *data++;
          if (scanner->marker == 0xFF)
            break;
          if (scanner->marker == 0xD9)
            {
              scanner->state = SCAN_DONE;
              scanner->complete = TRUE;
            }
          else if (scanner->marker == 0xD8 || scanner->marker == 0x01 ||
                   (scanner->marker >= 0xD0 && scanner->marker <= 0xD7))
            scanner->state = SCAN_JPEG_MARKER;
          else
            scanner->state = SCAN_JPEG_LENGTH_HI;
          break;

        case SCAN_JPEG_LENGTH_HI:
          scanner->length = (guint64) *data++ << 8;
          scanner->state = SCAN_JPEG_LENGTH_LO;
          break;

        case SCAN_JPEG_LENGTH_LO:
          scanner->length |= *data++;
          scanner->skip = scanner->length >= 2 ? scanner->length - 2 : 0;
          if (scanner->skip > 0)
            scanner->state = SCAN_JPEG_SKIP;
          else
            scanner_after_jpeg_segment (scanner);
          break;

        case SCAN_JPEG_SKIP:
          {
            gsize n = MIN ((guint64) (end - data), scanner->skip);

            data += n;
            scanner->skip -= n;
            if (scanner->skip == 0)
              scanner_after_jpeg_segment (scanner);
          }
          break;

        case SCAN_JPEG_ENTROPY:
          {
            const guint8 *ff = memchr (data, 0xFF, end - data);

            if (ff == NULL)
              data = end;
            else
              {
                data = ff + 1;
                scanner->state = SCAN_JPEG_ENTROPY_FF;
              }
          }
          break;

        case SCAN_JPEG_ENTROPY_FF:
          {
            guint8 b = *data++;

            /* 0xFF00 is a stuffed 0xFF and 0xFFD0–D7 are restart markers: still the scan. */
            if (b == 0x00 || (b >= 0xD0 && b <= 0xD7))
              scanner->state = SCAN_JPEG_ENTROPY;
            else if (b == 0xFF)
              ;
            else if (b == 0xD9)
              {
                scanner->state = SCAN_DONE;
                scanner->complete = TRUE;
              }
            else
              {
                /* Another segment: progressive JPEGs have many scans. */
                scanner->marker = b;
                scanner->state = SCAN_JPEG_LENGTH_HI;
              }
          }
          break;

        case SCAN_PNG_SIGNATURE:
        case SCAN_PNG_SKIP:
          {
            gsize n = MIN ((guint64) (end - data), scanner->skip);

            data += n;
            scanner->skip -= n;
            if (scanner->skip == 0)
              {
                scanner->state = SCAN_PNG_CHUNK_HEADER;
                scanner->header_len = 0;
              }
          }
          break;

        case SCAN_PNG_CHUNK_HEADER:
          scanner->header[scanner->header_len++] = *data++;
          if (scanner->header_len == 8)
            {
              if (memcmp (scanner->header + 4, "IEND", 4) == 0)
                {
                  scanner->state = SCAN_DONE;
                  scanner->complete = TRUE;
                  break;
                }

              /* The chunk's data and its CRC. */
              scanner->skip = ((guint64) scanner->header[0] << 24 |
                               (guint64) scanner->header[1] << 16 |
                               (guint64) scanner->header[2] << 8 |
                               (guint64) scanner->header[3]) + 4;
              scanner->state = SCAN_PNG_SKIP;
            }
          break;

        case SCAN_OTHER:
        case SCAN_DONE:
        case SCAN_WEBP:
        default:
          return;
        }
    }
}

typedef struct
{
  const Format *format;
  int           width;   /* as stored, before orientation */
  int           height;
  gboolean      prepared;
  gboolean      too_large;
} Header;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  Header *header = user_data;
  int fitted_width, fitted_height;

  header->prepared = TRUE;
  header->width = width;
  header->height = height;

  /* A zero size stops the loader: gdk_pixbuf_get_file_info() reads headers the same way. */
  if (width <= 0 || height <= 0)
    {
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  if (!header->format->vector && (gint64) width * height > VARIETE_SOURCE_MAX_PIXELS)
    {
      header->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  if (variete_source_fit_size (width, height, VARIETE_MAX_AREA, header->format->vector,
                               &fitted_width, &fitted_height))
    gdk_pixbuf_loader_set_size (loader, fitted_width, fitted_height);
}

/* Names for image types GdkPixbuf may know but Variete does not read. Not from
 * g_content_type_get_description(): in GLib 2.74 a guess after it leaks the MIME database. */
static const struct { const char *mime_type; const char *name; } foreign_images[] = {
  { "image/vnd.microsoft.icon", "ICO" },
  { "image/x-icns", "ICNS" },
  { "image/x-tga", "TGA" },
  { "image/x-portable-anymap", "PNM" },
  { "image/x-portable-bitmap", "PBM" },
  { "image/x-portable-graymap", "PGM" },
  { "image/x-portable-pixmap", "PPM" },
  { "image/x-xbitmap", "XBM" },
  { "image/x-xpixmap", "XPM" },
  { "image/x-xcf", "GIMP XCF" },
  { "image/vnd.adobe.photoshop", "Photoshop PSD" },
  { "image/jxl", "JPEG XL" },
  { "image/jp2", "JPEG 2000" },
  { "image/x-exr", "OpenEXR" },
};

static GError *
new_format_error (const char *name,
                  const char *content_type)
{
  if (g_content_type_equals (content_type, "application/x-zerosize"))
    return variete_source_new_empty_error (name);

  if (g_content_type_is_a (content_type, "image/heif") ||
      g_content_type_is_a (content_type, "image/heic") ||
      g_content_type_is_a (content_type, "image/avif"))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_UNSUPPORTED_FORMAT,
                        _("“%s” is a HEIC, HEIF or AVIF image, which Variete cannot read. "
                          "Export it as JPEG or PNG (most photo apps and phones can) and open "
                          "the copy."),
                        name);

  if (g_str_has_prefix (content_type, "image/"))
    {
      const char *format = content_type;

      for (guint i = 0; i < G_N_ELEMENTS (foreign_images); i++)
        if (g_content_type_equals (content_type, foreign_images[i].mime_type))
          format = foreign_images[i].name;

      return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_UNSUPPORTED_FORMAT,
                          _("“%s” is an image in a format Variete cannot read (%s). Save it as "
                            "PNG, JPEG or WebP and open the copy."),
                          name, format);
    }

  if (g_content_type_is_a (content_type, "text/html") ||
      g_content_type_is_a (content_type, "application/xhtml+xml"))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_AN_IMAGE,
                        _("“%s” is a web page, not an image. Save the image itself from the "
                          "page and open that."),
                        name);

  if (g_content_type_is_a (content_type, "text/plain"))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_AN_IMAGE,
                        _("“%s” holds text, not an image, whatever its name says. Choose a PNG, "
                          "JPEG or WebP image instead."),
                        name);

  if (g_content_type_is_a (content_type, "application/pdf"))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_AN_IMAGE,
                        _("“%s” is a PDF document, not an image. Export the page as PNG or "
                          "JPEG and open that."),
                        name);

  if (g_content_type_is_unknown (content_type))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_AN_IMAGE,
                        _("“%s” is not an image Variete recognises. Choose a PNG, JPEG or WebP "
                          "image instead."),
                        name);

  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_AN_IMAGE,
                      _("“%s” is not an image (its contents are %s). Choose a PNG, JPEG or "
                        "WebP image instead."),
                      name, content_type);
}

/* The errors that more than one place gives. */

GError *
variete_source_new_empty_error (const char *name)
{
  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_EMPTY,
                      _("“%s” is empty. Choose another image, or save this one again."),
                      name);
}

GError *
variete_source_new_too_many_bytes_error (const char *name)
{
  g_autofree char *limit = g_format_size (VARIETE_SOURCE_MAX_FILE_SIZE);

  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_TOO_LARGE,
                      _("“%s” is larger than %s, the most Variete reads. Save a smaller copy, "
                        "for example as JPEG, and open that."),
                      name, limit);
}

static GError *
new_too_many_pixels_error (const char *name,
                           int         width,
                           int         height)
{
  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_TOO_LARGE,
                      _("“%s” is too large: %d × %d pixels, more than %d megapixels. Save a "
                        "smaller copy and open that."),
                      name, width, height, VARIETE_SOURCE_MAX_PIXELS / (1000 * 1000));
}

/**
 * variete_source_check_pixels:
 * @name: the name of the image, as the artist knows it
 * @width: its width
 * @height: its height
 * @error: return location for a %VARIETE_SOURCE_ERROR_TOO_LARGE
 *
 * Checks that a raster image of @width × @height has at most %VARIETE_SOURCE_MAX_PIXELS
 * pixels, before its pixels are decoded or copied.
 *
 * Returns: whether the image is small enough
 */
gboolean
variete_source_check_pixels (const char  *name,
                             int          width,
                             int          height,
                             GError     **error)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((gint64) width * height > VARIETE_SOURCE_MAX_PIXELS)
    {
      g_propagate_error (error, new_too_many_pixels_error (name, width, height));
      return FALSE;
    }

  return TRUE;
}

static GError *
new_truncated_error (const char *name)
{
  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_CORRUPT,
                      _("“%s” is cut short: only part of the image is there. Copy or download it "
                        "again."),
                      name);
}

static GError *
new_decode_error (const char   *name,
                  const Format *format,
                  GError       *loader_error)
{
  if (loader_error != NULL &&
      g_error_matches (loader_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY))
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_TOO_LARGE,
                        _("There is not enough memory to read “%s”. Save a smaller copy and "
                          "open that."),
                        name);

  if (format == NULL)
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_CORRUPT,
                        _("“%s” is damaged and cannot be read. Open it in an image editor and "
                          "save it again."),
                        name);

  if (loader_error != NULL)
    return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_CORRUPT,
                        _("“%s” is a damaged %s image and cannot be read (%s). Open it in an "
                          "image editor and save it again."),
                        name, format->name, loader_error->message);

  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_CORRUPT,
                      _("“%s” is a damaged %s image and cannot be read. Open it in an image "
                        "editor and save it again."),
                      name, format->name);
}

static GError *
new_read_error (const char *name,
                GError     *read_error)
{
  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (read_error);

  return g_error_new (VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_NOT_READABLE,
                      _("“%s” could not be read: %s. Try again, or copy it somewhere else and "
                        "open the copy."),
                      name, read_error->message);
}

static gboolean
pixbuf_has_transparency (GdkPixbuf *pixbuf)
{
  const guint8 *pixels;
  int width, height, stride;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return FALSE;

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    {
      const guint8 *p = pixels + (gsize) y * stride;

      for (int x = 0; x < width; x++, p += 4)
        if (p[3] != 0xFF)
          return TRUE;
    }

  return FALSE;
}

static GdkPixbuf *
pixbuf_drop_alpha (GdkPixbuf *pixbuf)
{
  g_autoptr(GdkPixbuf) opaque = NULL;
  const guint8 *src;
  guint8 *dest;
  int width, height, src_stride, dest_stride;

  if (!gdk_pixbuf_get_has_alpha (pixbuf))
    return g_object_ref (pixbuf);

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  opaque = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  if (opaque == NULL)
    return NULL;

  src = gdk_pixbuf_read_pixels (pixbuf);
  src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  dest = gdk_pixbuf_get_pixels (opaque);
  dest_stride = gdk_pixbuf_get_rowstride (opaque);

  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint8 *d = dest + (gsize) y * dest_stride;

      for (int x = 0; x < width; x++, s += 4, d += 3)
        {
          d[0] = s[0];
          d[1] = s[1];
          d[2] = s[2];
        }
    }

  return g_steal_pointer (&opaque);
}

char *
variete_source_make_data_url (const char *mime_type,
                              GBytes     *bytes)
{
  g_autofree char *prefix = g_strdup_printf ("data:%s;base64,", mime_type);
  gsize prefix_len = strlen (prefix);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  char *url = g_malloc (prefix_len + (len / 3 + 1) * 4 + 4 + 1);
  int state = 0, save = 0;
  gsize n;

  memcpy (url, prefix, prefix_len);
  n = g_base64_encode_step (data, len, FALSE, url + prefix_len, &state, &save);
  n += g_base64_encode_close (FALSE, url + prefix_len + n, &state, &save);
  url[prefix_len + n] = '\0';

  return url;
}

/* Streams @stream into @loader, following the container with @scanner; refuses oversized
 * headers through @header as soon as the loader reports them. */
static gboolean
decode (VarieteSourcePreflight  *preflight,
        GInputStream            *stream,
        guint8                  *buffer,
        gsize                    n_read,
        GdkPixbufLoader         *loader,
        Header                  *header,
        GCancellable            *cancellable,
        GError                 **error)
{
  g_autoptr(GError) loader_error = NULL;
  g_autoptr(GError) read_error = NULL;
  gboolean written = TRUE;
  gboolean closed;
  Scanner scanner;

  scanner_init (&scanner, header->format->mime_type);

  while (n_read > 0)
    {
      preflight->input_size += n_read;
      if (preflight->input_size > VARIETE_SOURCE_MAX_FILE_SIZE)
        break;

      scanner_feed (&scanner, buffer, n_read);

      /* After a decoding error, the rest is still followed: a file cut short is told apart
       * from a damaged one by whether its end is there. */
      if (written)
        written = gdk_pixbuf_loader_write (loader, buffer, n_read, &loader_error);
      if (header->too_large)
        break;

      if (!g_input_stream_read_all (stream, buffer, READ_CHUNK_SIZE, &n_read, cancellable,
                                    &read_error))
        break;
    }

  /* The loader must always be closed; once a write failed, it closed itself. */
  closed = gdk_pixbuf_loader_close (loader, loader_error == NULL ? &loader_error : NULL);

  if (read_error != NULL)
    {
      g_propagate_error (error, new_read_error (preflight->display_name, read_error));
      return FALSE;
    }

  if (header->too_large)
    {
      g_propagate_error (error, new_too_many_pixels_error (preflight->display_name,
                                                           header->width, header->height));
      return FALSE;
    }

  if (preflight->input_size > VARIETE_SOURCE_MAX_FILE_SIZE)
    {
      g_propagate_error (error, variete_source_new_too_many_bytes_error (preflight->display_name));
      return FALSE;
    }

  if (!scanner.complete)
    {
      g_propagate_error (error, new_truncated_error (preflight->display_name));
      return FALSE;
    }

  if (!written || !closed)
    {
      g_propagate_error (error, new_decode_error (preflight->display_name, header->format,
                                                  loader_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
encode (VarieteSourcePreflight  *preflight,
        GdkPixbuf               *pixbuf,
        GError                 **error)
{
  g_autoptr(GdkPixbuf) opaque = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *buffer = NULL;
  gsize len = 0;
  gboolean saved;

  if (pixbuf_has_transparency (pixbuf))
    {
      preflight->sent_mime_type = "image/png";
      saved = gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, "png", &local_error, NULL);
    }
  else
    {
      g_autofree char *quality = g_strdup_printf ("%d", VARIETE_SOURCE_JPEG_QUALITY);

      opaque = pixbuf_drop_alpha (pixbuf);
      preflight->sent_mime_type = "image/jpeg";
      saved = opaque != NULL &&
              gdk_pixbuf_save_to_buffer (opaque, &buffer, &len, "jpeg", &local_error,
                                         "quality", quality, NULL);
    }

  if (!saved)
    {
      g_set_error (error, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_TOO_LARGE,
                   _("“%s” could not be prepared for sending (%s). Save a smaller copy as "
                     "JPEG and open that."),
                   preflight->display_name,
                   local_error ? local_error->message : g_strerror (ENOMEM));
      return FALSE;
    }

  preflight->sent_bytes = g_bytes_new_take (g_steal_pointer (&buffer), len);

  return TRUE;
}

static GdkPixbuf *
make_thumbnail (GdkPixbuf *pixbuf,
                int        size)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale;

  if (size <= 0 || (width <= size && height <= size))
    return g_object_ref (pixbuf);

  scale = MIN ((double) size / width, (double) size / height);

  return gdk_pixbuf_scale_simple (pixbuf,
                                  MAX (1, (int) round (width * scale)),
                                  MAX (1, (int) round (height * scale)),
                                  GDK_INTERP_BILINEAR);
}

/* Everything after decoding: upright, fitted, encoded, with a thumbnail. @width × @height is
 * the size the image declared, before orientation; @format is %NULL for decoded pixels. */
static gboolean
prepare (VarieteSourcePreflight  *preflight,
         GdkPixbuf               *pixbuf,
         int                      width,
         int                      height,
         const Format            *format,
         GCancellable            *cancellable,
         GError                 **error)
{
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) sent = NULL;
  const char *name = preflight->display_name;
  const char *orientation;
  gboolean resized;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* EXIF orientation 5–8 turns the image a quarter: the artist sees it the other way up. */
  orientation = gdk_pixbuf_get_option (pixbuf, "orientation");
  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (orientation != NULL && orientation[0] >= '5' && orientation[0] <= '8')
    {
      preflight->original_width = height;
      preflight->original_height = width;
    }
  else
    {
      preflight->original_width = width;
      preflight->original_height = height;
    }
  preflight->original_mime_type = format ? format->mime_type : NULL;

  /* The loader decoded at the fitted size already, unless it ignored the request. */
  if (variete_source_fit_size (gdk_pixbuf_get_width (oriented), gdk_pixbuf_get_height (oriented),
                               VARIETE_MAX_AREA, FALSE,
                               &preflight->sent_width, &preflight->sent_height))
    sent = gdk_pixbuf_scale_simple (oriented, preflight->sent_width, preflight->sent_height,
                                    GDK_INTERP_BILINEAR);
  else
    sent = g_object_ref (oriented);

  if (sent == NULL)
    {
      g_propagate_error (error, new_decode_error (name, format, NULL));
      return FALSE;
    }

  resized = preflight->sent_width != preflight->original_width ||
            preflight->sent_height != preflight->original_height;

  if (preflight->may_keep_address && format != NULL && format->sendable && !resized &&
      (orientation == NULL || g_str_equal (orientation, "1")))
    {
      preflight->sent_mime_type = format->mime_type;
    }
  else
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!encode (preflight, sent, error))
        return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  preflight->thumbnail = make_thumbnail (sent, preflight->thumbnail_size);

  return TRUE;
}

/**
 * variete_source_preflight_run:
 * @preflight: what to check, with display_name, thumbnail_size and may_keep_address set;
 *   filled in on success
 * @stream: the image, read from its start; at most VARIETE_SOURCE_MAX_FILE_SIZE bytes are read
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a %VARIETE_SOURCE_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Blocks: call it on a worker thread.
 */
gboolean
variete_source_preflight_run (VarieteSourcePreflight  *preflight,
                              GInputStream            *stream,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autofree char *content_type = NULL;
  const char *name = preflight->display_name;
  GdkPixbuf *pixbuf;
  Header header = { 0 };
  gsize n_read = 0;

  g_return_val_if_fail (preflight->display_name != NULL, FALSE);

  buffer = g_malloc (READ_CHUNK_SIZE);
  if (!g_input_stream_read_all (stream, buffer, READ_CHUNK_SIZE, &n_read, cancellable,
                                &local_error))
    {
      g_propagate_error (error, new_read_error (name, local_error));
      return FALSE;
    }

  if (n_read == 0)
    {
      g_propagate_error (error, variete_source_new_empty_error (name));
      return FALSE;
    }

  /* The bytes decide the type, whatever the name says. */
  content_type = g_content_type_guess (NULL, buffer, n_read, NULL);
  header.format = lookup_format (content_type);
  if (header.format == NULL)
    {
      g_propagate_error (error, new_format_error (name, content_type));
      return FALSE;
    }

  loader = gdk_pixbuf_loader_new_with_mime_type (header.format->mime_type, &local_error);
  if (loader == NULL)
    {
      g_set_error (error, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_UNSUPPORTED_FORMAT,
                   _("“%s” is a %s image, but this system has no GdkPixbuf loader for %s. "
                     "Save it as PNG or JPEG and open the copy."),
                   name, header.format->name, header.format->name);
      return FALSE;
    }

  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &header);

  if (!decode (preflight, stream, buffer, n_read, loader, &header, cancellable, error))
    return FALSE;

  g_clear_pointer (&buffer, g_free);

  /* An animation gives its first frame. */
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL || !header.prepared)
    {
      g_propagate_error (error, new_decode_error (name, header.format, NULL));
      return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  /* An SVG without width, height or viewBox has no size to render at (found by fuzz/). */
  if (header.width <= 0 || header.height <= 0)
    {
      if (header.format->vector)
        g_set_error (error, VARIETE_SOURCE_ERROR, VARIETE_SOURCE_ERROR_CORRUPT,
                     _("“%s” is a drawing without a size. Give it a width and height in your "
                       "drawing program, or export it as PNG."),
                     name);
      else
        g_propagate_error (error, new_decode_error (name, header.format, NULL));
      return FALSE;
    }

  return prepare (preflight, pixbuf, header.width, header.height, header.format, cancellable,
                  error);
}

/**
 * variete_source_preflight_run_pixbuf:
 * @preflight: as for variete_source_preflight_run()
 * @pixbuf: an image already decoded (a dropped or pasted texture)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a %VARIETE_SOURCE_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Blocks: call it on a worker thread.
 */
gboolean
variete_source_preflight_run_pixbuf (VarieteSourcePreflight  *preflight,
                                     GdkPixbuf               *pixbuf,
                                     GCancellable            *cancellable,
                                     GError                 **error)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  if (!variete_source_check_pixels (preflight->display_name, width, height, error))
    return FALSE;

  preflight->input_size = gdk_pixbuf_get_byte_length (pixbuf);

  return prepare (preflight, pixbuf, width, height, NULL, cancellable, error);
}

void
variete_source_preflight_clear (VarieteSourcePreflight *preflight)
{
  g_clear_pointer (&preflight->display_name, g_free);
  g_clear_pointer (&preflight->sent_bytes, g_bytes_unref);
  g_clear_object (&preflight->thumbnail);
}
