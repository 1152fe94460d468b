/* test-source.c
 *
 * Source pre-flight without a display: each way in (file, bytes, remote address), each bad
 * input the source intake issue lists, EXIF orientation, fitting to the area limit, the choice
 * of PNG or JPEG, data URLs that decode back, and cancellation. Every fixture is made here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "variete-enums.h"
#include "variete-source.h"
#include "variete-source-fixtures.h"
#include "variete-test-utils.h"

#define THUMBNAIL_SIZE 256
#define WAIT_TIMEOUT_SECONDS 30

static char *tmp_dir;
static SoupServer *server;
static char *server_url;

/* Loading */

static VarieteSource *
finish_load (GAsyncResult **result,
             GError       **error)
{
  VarieteSource *source;

  variete_test_wait_for_result (result, WAIT_TIMEOUT_SECONDS);
  source = variete_source_load_finish (*result, error);
  g_clear_object (result);

  return source;
}

static VarieteSource *
load_file (GFile   *file,
           GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  variete_source_load_file_async (file, THUMBNAIL_SIZE, NULL, variete_test_store_result_cb,
                                  &result);
  return finish_load (&result, error);
}

static VarieteSource *
load_path (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return load_file (file, error);
}

static VarieteSource *
load_bytes (GBytes      *bytes,
            const char  *name,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  variete_source_load_bytes_async (bytes, name, THUMBNAIL_SIZE, NULL,
                                   variete_test_store_result_cb, &result);
  return finish_load (&result, error);
}

static VarieteSource *
load_uri (const char  *uri,
          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  variete_source_load_uri_async (uri, THUMBNAIL_SIZE, NULL, variete_test_store_result_cb, &result);
  return finish_load (&result, error);
}

/* Checks that @source's URL is a data: URL of its sent type that decodes to its sent size,
 * and returns the decoded image. */
static GdkPixbuf *
decode_data_url (VarieteSource *source)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  g_autofree guchar *data = NULL;
  g_auto(GStrv) mime_types = NULL;
  const char *url = variete_source_get_url (source);
  gsize len;

  prefix = g_strdup_printf ("data:%s;base64,", variete_source_get_sent_mime_type (source));
  g_assert_true (g_str_has_prefix (url, prefix));

  data = g_base64_decode (url + strlen (prefix), &len);
  g_assert_cmpuint (len, ==, variete_source_get_sent_size (source));
  gdk_pixbuf_loader_write (loader, data, len, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  mime_types = gdk_pixbuf_format_get_mime_types (gdk_pixbuf_loader_get_format (loader));
  g_assert_cmpstr (mime_types[0], ==, variete_source_get_sent_mime_type (source));

  g_assert_cmpint (gdk_pixbuf_get_width (gdk_pixbuf_loader_get_pixbuf (loader)), ==,
                   variete_source_get_sent_width (source));
  g_assert_cmpint (gdk_pixbuf_get_height (gdk_pixbuf_loader_get_pixbuf (loader)), ==,
                   variete_source_get_sent_height (source));

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}

static void
assert_thumbnail_fits (VarieteSource *source)
{
  GdkPixbuf *thumbnail = variete_source_get_thumbnail (source);
  int sent_long = MAX (variete_source_get_sent_width (source),
                       variete_source_get_sent_height (source));

  g_assert_nonnull (thumbnail);
  g_assert_cmpint (MAX (gdk_pixbuf_get_width (thumbnail), gdk_pixbuf_get_height (thumbnail)),
                   ==, MIN (THUMBNAIL_SIZE, sent_long));
}

/* Checks that a failed load says something about @name, in a sentence. */
static void
assert_source_error (GError     *error,
                     int         code,
                     const char *name)
{
  g_assert_error (error, VARIETE_SOURCE_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (name != NULL)
    g_assert_nonnull (strstr (error->message, name));
  g_assert_true (g_str_has_suffix (error->message, "."));
  g_test_message ("%s", error->message);
}

/* Good inputs */

static void
test_jpeg_file (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (800, 600, FALSE);
  g_autoptr(GBytes) jpeg = fixture_save (pixbuf, "jpeg");
  g_autofree char *path = variete_test_write_file (tmp_dir, "photo.jpg", jpeg);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *basename = NULL;

  source = load_path (path, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (variete_source_get_display_name (source), ==, "photo.jpg");
  basename = g_file_get_basename (variete_source_get_file (source));
  g_assert_cmpstr (basename, ==, "photo.jpg");
  g_assert_false (variete_source_is_remote (source));
  g_assert_null (variete_source_get_uri (source));
  g_assert_cmpint (variete_source_get_original_width (source), ==, 800);
  g_assert_cmpint (variete_source_get_original_height (source), ==, 600);
  g_assert_cmpstr (variete_source_get_original_mime_type (source), ==, "image/jpeg");
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 800);
  g_assert_cmpint (variete_source_get_sent_height (source), ==, 600);
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/jpeg");

  decoded = decode_data_url (source);
  g_assert_true (fixture_pixel_is (decoded, 10, 300, 0xFF0000));
  g_assert_true (fixture_pixel_is (decoded, 790, 300, 0x0000FF));

  assert_thumbnail_fits (source);
  g_assert_cmpint (gdk_pixbuf_get_width (variete_source_get_thumbnail (source)), ==, 256);
  g_assert_cmpint (gdk_pixbuf_get_height (variete_source_get_thumbnail (source)), ==, 192);

  summary = variete_source_dup_summary (source);
  g_assert_true (g_str_has_prefix (summary, "800×600 JPEG, "));
  g_assert_null (strstr (summary, "→"));
}

static void
test_downscale (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (2000, 1000, FALSE);
  g_autoptr(GBytes) png = fixture_save (pixbuf, "png");
  g_autofree char *path = variete_test_write_file (tmp_dir, "wide.png", png);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  int width, height;

  source = load_path (path, &error);
  g_assert_no_error (error);

  width = variete_source_get_sent_width (source);
  height = variete_source_get_sent_height (source);
  g_assert_cmpint ((gint64) width * height, <=, VARIETE_MAX_AREA);
  g_assert_cmpint ((gint64) width * height, >, VARIETE_MAX_AREA * 99 / 100);
  g_assert_cmpfloat_with_epsilon ((double) width / height, 2.0, 0.01);
  g_assert_cmpint (width, ==, 1719);
  g_assert_cmpint (height, ==, 859);

  /* An opaque PNG is sent as JPEG. */
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/jpeg");
  decoded = decode_data_url (source);
  g_assert_true (fixture_pixel_is (decoded, 10, 400, 0xFF0000));
  g_assert_true (fixture_pixel_is (decoded, 1700, 400, 0x0000FF));

  summary = variete_source_dup_summary (source);
  expected = g_strdup_printf ("2000×1000 → 1719×859 JPEG, ");
  g_assert_true (g_str_has_prefix (summary, expected));
  assert_thumbnail_fits (source);
}

static void
test_fit_size (void)
{
  struct { int w, h; gboolean up; int fw, fh; gboolean changed; } cases[] = {
    { 1216, 1216, FALSE, 1216, 1216, FALSE },
    { 1217, 1216, FALSE, 1216, 1215, TRUE },
    { 4032, 3024, FALSE, 1404, 1053, TRUE },
    { 3024, 4032, FALSE, 1053, 1404, TRUE },
    { 6000, 4000, FALSE, 1489, 992, TRUE },
    { 16, 16, FALSE, 16, 16, FALSE },
    { 16, 16, TRUE, 1216, 1216, TRUE },
    { 200, 100, TRUE, 1719, 859, TRUE },
    { 30000, 1, FALSE, 30000, 1, FALSE },
    { 1, 3000000, FALSE, 1, 1478656, TRUE },
    { 3000000, 2, FALSE, 1478656, 1, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int fw = 0, fh = 0;
      gboolean changed = variete_source_fit_size (cases[i].w, cases[i].h, VARIETE_MAX_AREA,
                                                  cases[i].up, &fw, &fh);

      g_test_message ("%d×%d → %d×%d", cases[i].w, cases[i].h, fw, fh);
      g_assert_cmpint (changed, ==, cases[i].changed);
      g_assert_cmpint (fw, ==, cases[i].fw);
      g_assert_cmpint (fh, ==, cases[i].fh);
      g_assert_cmpint ((gint64) fw * fh, <=, VARIETE_MAX_AREA);
    }
}

static void
test_alpha_sent_as_png (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (300, 200, TRUE);
  g_autoptr(GBytes) png = fixture_save (pixbuf, "png");
  g_autofree char *path = variete_test_write_file (tmp_dir, "cutout.png", png);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  source = load_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/png");
  decoded = decode_data_url (source);
  g_assert_true (gdk_pixbuf_get_has_alpha (decoded));
  g_assert_true (fixture_pixel_is (decoded, 10, 100, 0xFF0000));
  g_assert_cmpint (gdk_pixbuf_read_pixels (decoded)[100 * gdk_pixbuf_get_rowstride (decoded) +
                                                    290 * 4 + 3], ==, 0);
}

static void
test_opaque_alpha_sent_as_jpeg (void)
{
  g_autoptr(GdkPixbuf) opaque = fixture_pixbuf (300, 200, FALSE);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_add_alpha (opaque, FALSE, 0, 0, 0);
  g_autoptr(GBytes) png = fixture_save (pixbuf, "png");
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  source = load_bytes (png, "opaque.png", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (variete_source_get_display_name (source), ==, "opaque.png");
  g_assert_null (variete_source_get_file (source));
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/jpeg");
  decoded = decode_data_url (source);
  g_assert_false (gdk_pixbuf_get_has_alpha (decoded));
}

static void
test_exif_orientation (void)
{
  /* Stored 200×100, red left and blue right; orientation 6 turns it a quarter clockwise, so
   * the artist sees 100×200 with red on top. */
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (200, 100, FALSE);
  g_autoptr(GBytes) jpeg = fixture_save (pixbuf, "jpeg");
  g_autoptr(GBytes) rotated = fixture_jpeg_with_orientation (jpeg, 6);
  g_autofree char *path = variete_test_write_file (tmp_dir, "phone.jpg", rotated);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  GdkPixbuf *thumbnail;

  source = load_path (path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (variete_source_get_original_width (source), ==, 100);
  g_assert_cmpint (variete_source_get_original_height (source), ==, 200);
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 100);
  g_assert_cmpint (variete_source_get_sent_height (source), ==, 200);

  decoded = decode_data_url (source);
  g_assert_true (fixture_pixel_is (decoded, 50, 10, 0xFF0000));
  g_assert_true (fixture_pixel_is (decoded, 50, 190, 0x0000FF));

  thumbnail = variete_source_get_thumbnail (source);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 100);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 200);
  g_assert_true (fixture_pixel_is (thumbnail, 50, 10, 0xFF0000));
}

static void
test_exif_orientation_large (void)
{
  /* A portrait phone photo stored landscape: 4032×3024 with orientation 6. */
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (4032, 3024, FALSE);
  g_autoptr(GBytes) jpeg = fixture_save (pixbuf, "jpeg");
  g_autoptr(GBytes) rotated = fixture_jpeg_with_orientation (jpeg, 6);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autofree char *summary = NULL;

  source = load_bytes (rotated, "IMG_0001.JPG", &error);
  g_assert_no_error (error);
  summary = variete_source_dup_summary (source);
  g_assert_true (g_str_has_prefix (summary, "3024×4032 → 1053×1404 JPEG, "));
}

/* Writes the image `convert ARGUMENTS PATH` makes, for what GdkPixbuf cannot write. Without
 * ImageMagick's convert, skips the test and returns %FALSE. */
static gboolean
convert_image (const char *arguments,
               const char *path)
{
  g_autofree char *convert = g_find_program_in_path ("convert");
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (convert == NULL)
    {
      g_test_skip ("ImageMagick's convert is not installed");
      return FALSE;
    }

  command = g_strdup_printf ("%s %s %s", convert, arguments, path);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return TRUE;
}

static void
test_cmyk_jpeg (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "print.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  if (!convert_image ("-size 64x48 xc:red -colorspace CMYK -quality 90", path))
    return;

  source = load_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 64);
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/jpeg");
  decoded = decode_data_url (source);
  g_assert_true (fixture_pixel_is (decoded, 32, 24, 0xFF0000));
}

static void
test_png_16_bit (void)
{
  g_autoptr(GBytes) png = fixture_png_16_bit (40, 30);
  g_autofree char *path = variete_test_write_file (tmp_dir, "deep.png", png);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  source = load_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_source_get_original_width (source), ==, 40);
  g_assert_cmpint (variete_source_get_original_height (source), ==, 30);
  decoded = decode_data_url (source);
  g_assert_true (fixture_pixel_is (decoded, 20, 15, 0xFF0000));
}

static void
test_animated_gif (void)
{
  g_autoptr(GBytes) gif = fixture_animated_gif ();
  g_autofree char *path = variete_test_write_file (tmp_dir, "blink.gif", gif);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  source = load_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (variete_source_get_original_mime_type (source), ==, "image/gif");
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 4);
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/jpeg");
  /* The first frame is red, the second blue. */
  decoded = decode_data_url (source);
  g_assert_true (fixture_pixel_is (decoded, 2, 2, 0xFF0000));
  g_assert_true (fixture_pixel_is (variete_source_get_thumbnail (source), 2, 2, 0xFF0000));
}

static void
test_svg_rasterised (void)
{
  const char *svg =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\">"
    "<rect width=\"100\" height=\"100\" fill=\"#ff0000\"/></svg>\n";
  const char *huge =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30000\" height=\"30000\">"
    "<rect width=\"30000\" height=\"30000\" fill=\"#0000ff\"/></svg>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (svg, strlen (svg));
  g_autoptr(GBytes) huge_bytes = g_bytes_new_static (huge, strlen (huge));
  g_autofree char *path = variete_test_write_file (tmp_dir, "logo.svg", bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(VarieteSource) huge_source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  /* Vector images are rendered at the largest size the API takes, transparency kept. */
  source = load_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (variete_source_get_original_mime_type (source), ==, "image/svg+xml");
  g_assert_cmpint (variete_source_get_original_width (source), ==, 200);
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 1719);
  g_assert_cmpint (variete_source_get_sent_height (source), ==, 859);
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/png");
  decoded = decode_data_url (source);
  g_assert_true (fixture_pixel_is (decoded, 400, 400, 0xFF0000));

  /* Its declared size is no decompression bomb: only what is rendered counts. */
  huge_source = load_bytes (huge_bytes, "poster.svg", &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_source_get_original_width (huge_source), ==, 30000);
  g_assert_cmpint (variete_source_get_sent_width (huge_source), ==, 1216);
  g_assert_cmpint (variete_source_get_sent_height (huge_source), ==, 1216);
  g_assert_cmpstr (variete_source_get_sent_mime_type (huge_source), ==, "image/jpeg");
}

static void
test_webp (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (1600, 1200, FALSE);
  g_autoptr(GBytes) webp = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;

  if (!fixture_can_save ("webp"))
    {
      g_test_skip ("GdkPixbuf cannot write WebP here (webp-pixbuf-loader)");
      return;
    }

  webp = fixture_save (pixbuf, "webp");
  source = load_bytes (webp, "result.webp", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (variete_source_get_original_mime_type (source), ==, "image/webp");
  g_assert_cmpint ((gint64) variete_source_get_sent_width (source) *
                   variete_source_get_sent_height (source), <=, VARIETE_MAX_AREA);
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 1404);
}

static void
test_stream (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (640, 480, FALSE);
  g_autoptr(GBytes) png = fixture_save (pixbuf, "png");
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  /* What a paste from another program gives: a stream of image/png. */
  variete_source_load_stream_async (stream, "Pasted image", THUMBNAIL_SIZE, NULL,
                                    variete_test_store_result_cb, &result);
  source = finish_load (&result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (variete_source_get_display_name (source), ==, "Pasted image");
  g_assert_cmpstr (variete_source_get_original_mime_type (source), ==, "image/png");
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 640);
  decoded = decode_data_url (source);
  assert_thumbnail_fits (source);
}

static void
test_pixbuf (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (3000, 2000, TRUE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autofree char *summary = NULL;

  /* What a dropped texture gives: pixels, no file format. */
  variete_source_load_pixbuf_async (pixbuf, "Dropped image", THUMBNAIL_SIZE, NULL,
                                    variete_test_store_result_cb, &result);
  source = finish_load (&result, &error);
  g_assert_no_error (error);
  g_assert_null (variete_source_get_original_mime_type (source));
  g_assert_cmpint (variete_source_get_original_width (source), ==, 3000);
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 1489);
  g_assert_cmpint (variete_source_get_sent_height (source), ==, 992);
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/png");
  decoded = decode_data_url (source);
  g_assert_true (fixture_pixel_is (decoded, 10, 10, 0xFF0000));
  summary = variete_source_dup_summary (source);
  g_assert_true (g_str_has_prefix (summary, "3000×2000 → 1489×992 PNG, "));
  /* The caller's pixels are left alone. */
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 3000);
}

/* Bad inputs */

static void
assert_file_refused (const char *path,
                     int         code,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = load_path (path, &error);

  g_assert_null (source);
  assert_source_error (error, code, name);
}

static void
test_empty_file (void)
{
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *path = variete_test_write_file (tmp_dir, "empty.png", empty);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;

  assert_file_refused (path, VARIETE_SOURCE_ERROR_EMPTY, "empty.png");

  source = load_bytes (empty, "Pasted image", &error);
  g_assert_null (source);
  assert_source_error (error, VARIETE_SOURCE_ERROR_EMPTY, "Pasted image");
}

static void
test_truncated (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_noise_pixbuf (400, 300);
  const char *types[] = { "jpeg", "png" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GBytes) whole = fixture_save (pixbuf, types[i]);
      g_autoptr(GBytes) half = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);
      g_autofree char *name = g_strdup_printf ("half.%s", types[i]);
      g_autofree char *path = variete_test_write_file (tmp_dir, name, half);

      assert_file_refused (path, VARIETE_SOURCE_ERROR_CORRUPT, name);
    }
}

static void
test_truncated_progressive (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "progressive.jpg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  gsize len = 0;

  /* GdkPixbuf cannot write progressive JPEGs, whose many scans the completeness check
   * follows; the loader calls a cut one "damaged", which would send the artist astray. */
  if (!convert_image ("-size 400x300 plasma:red-blue -interlace Plane", path))
    return;

  source = load_path (path, &error);
  g_assert_no_error (error);
  g_clear_object (&source);

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, len * 2 / 3, &error);
  g_assert_no_error (error);
  assert_file_refused (path, VARIETE_SOURCE_ERROR_CORRUPT, "cut short");
}

static void
test_text_renamed (void)
{
  const char *text = "Shopping list\n- brushes\n- canvas\n- turpentine\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autofree char *path = variete_test_write_file (tmp_dir, "notes.png", bytes);

  assert_file_refused (path, VARIETE_SOURCE_ERROR_NOT_AN_IMAGE, "notes.png");
}

static void
test_decompression_bomb (void)
{
  g_autoptr(GBytes) png = fixture_png_header (30000, 30000);
  g_autoptr(GBytes) jpeg = fixture_jpeg_claiming (30000, 30000);
  g_autofree char *png_path = variete_test_write_file (tmp_dir, "bomb.png", png);
  g_autofree char *jpeg_path = variete_test_write_file (tmp_dir, "bomb.jpg", jpeg);
  gint64 start = g_get_monotonic_time ();

  assert_file_refused (png_path, VARIETE_SOURCE_ERROR_TOO_LARGE, "bomb.png");
  assert_file_refused (jpeg_path, VARIETE_SOURCE_ERROR_TOO_LARGE, "bomb.jpg");

  /* Refused from the header: decoding 900 megapixels would take far longer (and 2.7 GB). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_heic (void)
{
  g_autoptr(GBytes) heic = fixture_heic ();
  g_autofree char *path = variete_test_write_file (tmp_dir, "IMG_2024.HEIC", heic);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = load_path (path, &error);

  g_assert_null (source);
  assert_source_error (error, VARIETE_SOURCE_ERROR_UNSUPPORTED_FORMAT, "IMG_2024.HEIC");
  g_assert_nonnull (strstr (error->message, "JPEG"));
}

static void
test_unsupported_image (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (16, 16, TRUE);
  g_autoptr(GBytes) ico = fixture_save (pixbuf, "ico");
  g_autofree char *path = variete_test_write_file (tmp_dir, "favicon.ico", ico);

  assert_file_refused (path, VARIETE_SOURCE_ERROR_UNSUPPORTED_FORMAT, "favicon.ico");
}

static void
test_huge_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "huge.jpg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  /* A sparse 200 MB file: a JPEG start, then a hole. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (G_OUTPUT_STREAM (stream), "\xFF\xD8\xFF\xE0", 4, NULL, NULL,
                             &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), 200 * 1000 * 1000, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  assert_file_refused (path, VARIETE_SOURCE_ERROR_TOO_LARGE, "huge.jpg");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);

  g_unlink (path);
}

static void
test_huge_bytes (void)
{
  gsize size = VARIETE_SOURCE_MAX_FILE_SIZE + 1;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_malloc0 (size), size);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = load_bytes (bytes, "Dropped image", &error);

  g_assert_null (source);
  assert_source_error (error, VARIETE_SOURCE_ERROR_TOO_LARGE, "Dropped image");
}

static void
test_folder (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "Holiday", NULL);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  assert_file_refused (path, VARIETE_SOURCE_ERROR_NOT_READABLE, "Holiday");
}

static void
test_missing (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-dir", "gone.png", NULL);

  assert_file_refused (path, VARIETE_SOURCE_ERROR_NOT_READABLE, "gone.png");
}

static void
test_fifo (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "pipe.png", NULL);

  /* A pipe would block a reader for ever: it is refused before it is opened. */
  g_assert_cmpint (mkfifo (path, 0644), ==, 0);
  assert_file_refused (path, VARIETE_SOURCE_ERROR_NOT_READABLE, "pipe.png");
}

static void
test_unreadable (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (32, 32, FALSE);
  g_autoptr(GBytes) jpeg = fixture_save (pixbuf, "jpeg");
  g_autofree char *path = variete_test_write_file (tmp_dir, "secret.jpg", jpeg);
  g_autofree char *contents = NULL;

  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  /* root reads it anyway: then there is nothing to test. */
  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_test_skip ("permissions do not stop this user (root) from reading");
      return;
    }

  assert_file_refused (path, VARIETE_SOURCE_ERROR_NOT_READABLE, "secret.jpg");
}

static void
test_cancel (void)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (2000, 1500, FALSE);
  g_autoptr(GBytes) jpeg = fixture_save (pixbuf, "jpeg");
  g_autofree char *path = variete_test_write_file (tmp_dir, "cancelled.jpg", jpeg);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autofree char *uri = g_strconcat (server_url, "image.png", NULL);

  /* Cancelled at once, and cancelled while the worker thread runs. */
  for (guint delay_ms = 0; delay_ms <= 20; delay_ms += 20)
    {
      g_clear_object (&cancellable);
      g_clear_error (&error);
      cancellable = g_cancellable_new ();
      variete_source_load_file_async (file, THUMBNAIL_SIZE, cancellable,
                                      variete_test_store_result_cb, &result);
      g_usleep (delay_ms * 1000);
      g_cancellable_cancel (cancellable);
      source = finish_load (&result, &error);
      g_assert_null (source);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }

  /* And while it downloads. */
  g_clear_object (&cancellable);
  g_clear_error (&error);
  cancellable = g_cancellable_new ();
  variete_source_load_uri_async (uri, THUMBNAIL_SIZE, cancellable, variete_test_store_result_cb,
                                 &result);
  g_cancellable_cancel (cancellable);
  source = finish_load (&result, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Remote addresses */

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/image.png") || g_str_equal (path, "/photo.jpg") ||
      g_str_equal (path, "/binary.png"))
    {
      gboolean png = g_str_equal (path, "/image.png");
      g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (png ? 64 : 2000, png ? 48 : 1000, FALSE);
      g_autoptr(GBytes) bytes = NULL;
      const char *type = png ? "image/png" : "image/jpeg";

      if (g_str_equal (path, "/binary.png"))
        {
          const char *text = "this is not an image at all\n";

          bytes = g_bytes_new_static (text, strlen (text));
          type = "application/octet-stream";
        }
      else
        bytes = fixture_save (pixbuf, png ? "png" : "jpeg");

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (bytes, NULL),
                                        g_bytes_get_size (bytes));
    }
  else if (g_str_equal (path, "/gallery.html"))
    {
      const char *html = "<!DOCTYPE html><html><body><img src=\"image.png\"></body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        html, strlen (html));
    }
  else if (g_str_equal (path, "/moved.png"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/image.png");
  else if (g_str_equal (path, "/elsewhere.png"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "http://example.com/image.png");
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
test_uri_image (void)
{
  g_autofree char *uri = g_strconcat (server_url, "image.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autofree char *summary = NULL;

  /* A remote image the API takes as it is is sent as its address. */
  source = load_uri (uri, &error);
  g_assert_no_error (error);
  g_assert_true (variete_source_is_remote (source));
  g_assert_cmpstr (variete_source_get_url (source), ==, uri);
  g_assert_cmpstr (variete_source_get_uri (source), ==, uri);
  g_assert_cmpstr (variete_source_get_display_name (source), ==, "image.png");
  g_assert_cmpstr (variete_source_get_sent_mime_type (source), ==, "image/png");
  g_assert_cmpint (variete_source_get_original_width (source), ==, 64);
  g_assert_true (fixture_pixel_is (variete_source_get_thumbnail (source), 5, 20, 0xFF0000));
  summary = variete_source_dup_summary (source);
  g_assert_true (g_str_has_prefix (summary, "64×48 PNG, "));
  g_assert_true (g_str_has_suffix (summary, ", sent as its address"));
}

static void
test_uri_as_file (void)
{
  g_autofree char *uri = g_strconcat (server_url, "moved.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;

  /* A dropped or command-line address arrives as a GFile; a redirect is followed. */
  source = load_file (file, &error);
  g_assert_no_error (error);
  g_assert_true (variete_source_is_remote (source));
  g_assert_cmpstr (variete_source_get_url (source), ==, uri);
  g_assert_cmpint (variete_source_get_original_width (source), ==, 64);
}

static void
test_uri_resized (void)
{
  g_autofree char *uri = g_strconcat (server_url, "photo.jpg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;

  /* Too large for the API as it is: sent as data, like a local image. */
  source = load_uri (uri, &error);
  g_assert_no_error (error);
  g_assert_false (variete_source_is_remote (source));
  g_assert_cmpstr (variete_source_get_uri (source), ==, uri);
  g_assert_cmpint (variete_source_get_sent_width (source), ==, 1719);
  decoded = decode_data_url (source);
}

static void
test_uri_refused (void)
{
  struct { const char *path; int code; } cases[] = {
    { "gallery.html", VARIETE_SOURCE_ERROR_NOT_AN_IMAGE },
    { "binary.png", VARIETE_SOURCE_ERROR_NOT_AN_IMAGE },
    { "missing.png", VARIETE_SOURCE_ERROR_DOWNLOAD },
    { "elsewhere.png", VARIETE_SOURCE_ERROR_DOWNLOAD },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = g_strconcat (server_url, cases[i].path, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(VarieteSource) source = load_uri (uri, &error);

      g_assert_null (source);
      assert_source_error (error, cases[i].code, cases[i].path);
    }
}

static void
test_uri_insecure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteSource) source = NULL;

  /* Refused before anything is sent: no network needed. */
  source = load_uri ("http://example.com/cat.png", &error);
  g_assert_null (source);
  assert_source_error (error, VARIETE_SOURCE_ERROR_DOWNLOAD, "http://example.com/cat.png");
}

int
main (int argc, char *argv[])
{
  g_autofree char *origin = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = variete_test_make_tmp_dir ("variete-test-source-XXXXXX");
  server = variete_test_server_new (server_cb, NULL, &origin);
  server_url = g_strconcat (origin, "/", NULL);

  g_test_add_func ("/source/fit-size", test_fit_size);
  g_test_add_func ("/source/file/jpeg", test_jpeg_file);
  g_test_add_func ("/source/file/downscale", test_downscale);
  g_test_add_func ("/source/file/alpha-as-png", test_alpha_sent_as_png);
  g_test_add_func ("/source/bytes/opaque-alpha-as-jpeg", test_opaque_alpha_sent_as_jpeg);
  g_test_add_func ("/source/file/exif-orientation", test_exif_orientation);
  g_test_add_func ("/source/bytes/exif-orientation-phone", test_exif_orientation_large);
  g_test_add_func ("/source/file/cmyk-jpeg", test_cmyk_jpeg);
  g_test_add_func ("/source/file/png-16-bit", test_png_16_bit);
  g_test_add_func ("/source/file/animated-gif", test_animated_gif);
  g_test_add_func ("/source/file/svg", test_svg_rasterised);
  g_test_add_func ("/source/bytes/webp", test_webp);
  g_test_add_func ("/source/stream", test_stream);
  g_test_add_func ("/source/pixbuf", test_pixbuf);
  g_test_add_func ("/source/bad/empty", test_empty_file);
  g_test_add_func ("/source/bad/truncated", test_truncated);
  g_test_add_func ("/source/bad/truncated-progressive", test_truncated_progressive);
  g_test_add_func ("/source/bad/text-renamed", test_text_renamed);
  g_test_add_func ("/source/bad/decompression-bomb", test_decompression_bomb);
  g_test_add_func ("/source/bad/heic", test_heic);
  g_test_add_func ("/source/bad/unsupported-image", test_unsupported_image);
  g_test_add_func ("/source/bad/huge-file", test_huge_file);
  g_test_add_func ("/source/bad/huge-bytes", test_huge_bytes);
  g_test_add_func ("/source/bad/folder", test_folder);
  g_test_add_func ("/source/bad/missing", test_missing);
  g_test_add_func ("/source/bad/fifo", test_fifo);
  g_test_add_func ("/source/bad/unreadable", test_unreadable);
  g_test_add_func ("/source/cancel", test_cancel);
  g_test_add_func ("/source/uri/image", test_uri_image);
  g_test_add_func ("/source/uri/as-file-redirected", test_uri_as_file);
  g_test_add_func ("/source/uri/resized", test_uri_resized);
  g_test_add_func ("/source/uri/refused", test_uri_refused);
  g_test_add_func ("/source/uri/insecure", test_uri_insecure);

  ret = g_test_run ();

  g_clear_object (&server);
  g_clear_pointer (&server_url, g_free);
  fixture_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);

  return ret;
}
