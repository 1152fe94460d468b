/* variete-source-fixtures.h
 *
 * Images for the source tests and the benchmark, made at run time (no binaries in git): plain
 * pictures through GdkPixbuf, and the ones it cannot write (EXIF orientation, 16-bit PNG,
 * animated GIF, HEIC, headers of decompression bombs) by hand. Header-only, so that each test
 * program and the benchmark include it without a library of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

/* @width × @height, red on the left half, blue on the right; with @alpha, the right half is
 * fully transparent. */
static inline GdkPixbuf *
fixture_pixbuf (int      width,
                int      height,
                gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + (gsize) x * n_channels;
        gboolean left = x < width / 2;

        p[0] = left ? 0xFF : 0x00;
        p[1] = 0x00;
        p[2] = left ? 0x00 : 0xFF;
        if (alpha)
          p[3] = left ? 0xFF : 0x00;
      }

  return pixbuf;
}

/* Random pixels, which compress badly: a truncated file is surely missing image data. */
static inline GdkPixbuf *
fixture_noise_pixbuf (int width,
                      int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  GRand *rand = g_rand_new_with_seed (42);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width * 3; x++)
      pixels[(gsize) y * stride + x] = g_rand_int_range (rand, 0, 256);

  g_rand_free (rand);

  return pixbuf;
}

/* Something like a photograph for the benchmark: smooth light, edges and fine grain, so that
 * a JPEG of it is about as large (and as slow to decode) as a camera's. */
static inline GdkPixbuf *
fixture_photo_pixbuf (int width,
                      int height)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  guint32 seed = 12345;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + (gsize) x * 3;
        int grain;

        seed = seed * 1664525u + 1013904223u;
        grain = (int) (seed >> 27) - 16;
        p[0] = CLAMP ((x * 255) / width + grain + (((x / 97) ^ (y / 61)) & 1) * 40, 0, 255);
        p[1] = CLAMP ((y * 255) / height + grain, 0, 255);
        p[2] = CLAMP (128 + ((x * y) / 4093) % 96 - 48 + grain, 0, 255);
      }

  return pixbuf;
}

static inline GBytes *
fixture_save (GdkPixbuf  *pixbuf,
              const char *type)
{
  g_autoptr(GError) error = NULL;
  char *buffer = NULL;
  gsize len = 0;

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, type, &error, "quality", "90", NULL);
  else
    gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &len, type, &error, NULL);
  g_assert_no_error (error);

  return g_bytes_new_take (buffer, len);
}

static inline gboolean
fixture_can_save (const char *type)
{
  GSList *formats = gdk_pixbuf_get_formats ();
  gboolean found = FALSE;

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_str_equal (name, type) && gdk_pixbuf_format_is_writable (l->data))
        found = TRUE;
    }
  g_slist_free (formats);

  return found;
}

/* Whether the pixel at @x, @y is about 0xRRGGBB (JPEG moves colours a little). */
static inline gboolean
fixture_pixel_is (GdkPixbuf *pixbuf,
                  int        x,
                  int        y,
                  guint32    rgb)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) +
                    (gsize) y * gdk_pixbuf_get_rowstride (pixbuf) +
                    (gsize) x * gdk_pixbuf_get_n_channels (pixbuf);
  int expected[3] = { (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF };

  for (int i = 0; i < 3; i++)
    if (ABS ((int) p[i] - expected[i]) > 48)
      {
        g_test_message ("pixel %d,%d is %02x%02x%02x, not %06x", x, y, p[0], p[1], p[2], rgb);
        return FALSE;
      }

  return TRUE;
}

static inline guint32
fixture_crc32 (const guint8 *data,
               gsize         len,
               guint32       crc)
{
  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }

  return ~crc;
}

static inline void
fixture_append_be32 (GByteArray *array,
                     guint32     value)
{
  guint8 be[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (array, be, 4);
}

static inline void
fixture_png_chunk (GByteArray   *png,
                   const char   *type,
                   const guint8 *data,
                   gsize         len)
{
  guint32 crc;

  fixture_append_be32 (png, len);
  g_byte_array_append (png, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (png, data, len);
  crc = fixture_crc32 ((const guint8 *) type, 4, 0);
  crc = fixture_crc32 (data, len, crc);
  fixture_append_be32 (png, crc);
}

static inline GByteArray *
fixture_png_start (int    width,
                   int    height,
                   guint8 depth)
{
  GByteArray *png = g_byte_array_new ();
  guint8 ihdr[13] = { width >> 24, width >> 16, width >> 8, width,
                      height >> 24, height >> 16, height >> 8, height,
                      depth, 2 /* RGB */, 0, 0, 0 };

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  fixture_png_chunk (png, "IHDR", ihdr, sizeof ihdr);

  return png;
}

/* The first 60 bytes of a PNG that says it is @width × @height: a decompression bomb. */
static inline GBytes *
fixture_png_header (int width,
                    int height)
{
  GByteArray *png = fixture_png_start (width, height, 8);
  guint8 idat[16] = { 0x78, 0x9C };

  fixture_png_chunk (png, "IDAT", idat, sizeof idat);

  return g_byte_array_free_to_bytes (png);
}

static inline GBytes *
fixture_zlib (const guint8 *data,
              gsize         len)
{
  g_autoptr(GZlibCompressor) compressor =
    g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory,
                                                                G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (out, data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* A red PNG with 16 bits per channel, which GdkPixbuf reads but cannot write. */
static inline GBytes *
fixture_png_16_bit (int width,
                    int height)
{
  GByteArray *png = fixture_png_start (width, height, 16);
  gsize row = 1 + (gsize) width * 6;
  g_autofree guint8 *raw = g_malloc0 (row * height);
  g_autoptr(GBytes) idat = NULL;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = raw + y * row + 1 + x * 6;

        p[0] = p[1] = 0xFF;
      }

  idat = fixture_zlib (raw, row * height);
  fixture_png_chunk (png, "IDAT", g_bytes_get_data (idat, NULL), g_bytes_get_size (idat));
  fixture_png_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (png);
}

/* A small JPEG whose frame header says @width × @height. */
static inline GBytes *
fixture_jpeg_claiming (int width,
                       int height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 16, 16);
  g_autoptr(GBytes) jpeg = NULL;
  guint8 *data;
  gsize len;

  gdk_pixbuf_fill (pixbuf, 0x808080FF);
  jpeg = fixture_save (pixbuf, "jpeg");
  data = g_bytes_unref_to_data (g_steal_pointer (&jpeg), &len);

  for (gsize i = 2; i + 9 < len; i++)
    if (data[i] == 0xFF && data[i + 1] == 0xC0)
      {
        data[i + 5] = height >> 8;
        data[i + 6] = height & 0xFF;
        data[i + 7] = width >> 8;
        data[i + 8] = width & 0xFF;
        break;
      }

  return g_bytes_new_take (data, len);
}

/* @jpeg with an EXIF block (APP1) that holds only the orientation tag. */
static inline GBytes *
fixture_jpeg_with_orientation (GBytes *jpeg,
                               guint8  orientation)
{
  const guint8 app1[] = {
    0xFF, 0xE1, 0x00, 34,                           /* APP1, length */
    'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,   /* big-endian TIFF, IFD0 at 8 */
    0x00, 0x01,                                     /* one entry */
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, /* Orientation, SHORT, 1 */
    0x00, orientation, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,                         /* no next IFD */
  };
  gsize len;
  const guint8 *data = g_bytes_get_data (jpeg, &len);
  GByteArray *out = g_byte_array_sized_new (len + sizeof app1);

  g_assert_cmpint (data[0], ==, 0xFF);
  g_assert_cmpint (data[1], ==, 0xD8);
  g_byte_array_append (out, data, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, data + 2, len - 2);

  return g_byte_array_free_to_bytes (out);
}

/* Packs 3-bit LZW codes, least significant bit first, as GIF wants them. */
static inline void
fixture_gif_frame (GByteArray *gif,
                   guint8      index)
{
  const guint8 frame_header[] = {
    0x21, 0xF9, 0x04, 0x00, 0x0A, 0x00, 0x00, 0x00, /* graphic control: 0.1 s */
    0x2C, 0, 0, 0, 0, 4, 0, 4, 0, 0x00,             /* image descriptor 4×4 */
    0x02,                                           /* LZW minimum code size */
  };
  guint8 codes[40];
  guint8 packed[32] = { 0 };
  guint n_codes = 0;
  guint n_bits = 0;
  guint8 n_bytes;

  /* A clear code (4) before each pixel keeps every code 3 bits wide; 5 ends the data. */
  for (int i = 0; i < 16; i++)
    {
      codes[n_codes++] = 4;
      codes[n_codes++] = index;
    }
  codes[n_codes++] = 5;

  for (guint i = 0; i < n_codes; i++)
    for (int b = 0; b < 3; b++, n_bits++)
      if (codes[i] & (1 << b))
        packed[n_bits / 8] |= 1 << (n_bits % 8);
  n_bytes = (n_bits + 7) / 8;

  g_byte_array_append (gif, frame_header, sizeof frame_header);
  g_byte_array_append (gif, &n_bytes, 1);
  g_byte_array_append (gif, packed, n_bytes);
  g_byte_array_append (gif, (const guint8 *) "\0", 1);
}

/* A looping 4×4 GIF: a red frame, then a blue one. GdkPixbuf cannot write GIF. */
static inline GBytes *
fixture_animated_gif (void)
{
  const guint8 header[] = {
    'G', 'I', 'F', '8', '9', 'a', 4, 0, 4, 0, 0x80, 0, 0,
    0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF,            /* colours: red, blue */
    0x21, 0xFF, 0x0B, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0',
    0x03, 0x01, 0x00, 0x00, 0x00,                   /* loop for ever */
  };
  GByteArray *gif = g_byte_array_new ();

  g_byte_array_append (gif, header, sizeof header);
  fixture_gif_frame (gif, 0);
  fixture_gif_frame (gif, 1);
  g_byte_array_append (gif, (const guint8 *) "\x3B", 1);

  return g_byte_array_free_to_bytes (gif);
}

/* The start of a HEIC photo, as phones take them: an ISO media "ftyp" box. */
static inline GBytes *
fixture_heic (void)
{
  GByteArray *heic = g_byte_array_new ();
  guint8 padding[256] = { 0 };

  g_byte_array_append (heic, (const guint8 *) "\0\0\0\x18" "ftypheic\0\0\0\0" "mif1heic", 24);
  g_byte_array_append (heic, (const guint8 *) "\0\0\0\x08" "meta", 8);
  g_byte_array_append (heic, padding, sizeof padding);

  return g_byte_array_free_to_bytes (heic);
}

static inline void
fixture_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        fixture_remove_tree (child);
      else
        g_remove (child);
    }

  g_dir_close (dir);
  g_rmdir (path);
}
