/* test-source-view.c
 *
 * The source view under a display: each way in (file and command line, drops of files, pixels
 * and addresses, pastes, Open…), the "source-url" property, and bad inputs that leave the
 * previous source in place with their message shown in the view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "variete-source-view-private.h"
#include "variete-source-fixtures.h"
#include "variete-test-utils.h"

#define WAIT_TIMEOUT_SECONDS 10

static char *tmp_dir;
static SoupServer *server;
static char *server_url;

typedef struct
{
  GtkWindow         *window;
  VarieteSourceView *view;
  guint              n_url_notifies;
} Fixture;

static gboolean
view_idle (gpointer data)
{
  return !variete_source_view_get_loading (data);
}

static void
wait_for_view (Fixture *fixture)
{
  variete_test_spin_until (view_idle, fixture->view, WAIT_TIMEOUT_SECONDS);
}

static void
source_url_notified_cb (Fixture *fixture)
{
  fixture->n_url_notifies++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->view = g_object_new (VARIETE_TYPE_SOURCE_VIEW, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_set_default_size (fixture->window, 640, 480);
  gtk_window_present (fixture->window);
  g_signal_connect_swapped (fixture->view, "notify::source-url",
                            G_CALLBACK (source_url_notified_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  VarieteSourceView *view = g_object_ref (fixture->view);

  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (view);
}

static char *
write_jpeg (const char *name,
            int         width,
            int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (width, height, FALSE);
  g_autoptr(GBytes) jpeg = fixture_save (pixbuf, "jpeg");

  return variete_test_write_file (tmp_dir, name, jpeg);
}

static void
assert_source (Fixture    *fixture,
               const char *name,
               const char *url_prefix)
{
  VarieteSource *source = variete_source_view_get_source (fixture->view);
  g_autofree char *url = NULL;

  g_assert_nonnull (source);
  g_assert_cmpstr (variete_source_get_display_name (source), ==, name);
  g_assert_true (g_str_has_prefix (variete_source_view_get_source_url (fixture->view),
                                   url_prefix));
  g_object_get (fixture->view, "source-url", &url, NULL);
  g_assert_cmpstr (url, ==, variete_source_view_get_source_url (fixture->view));
  g_assert_cmpstr (variete_source_view_get_page_name (fixture->view), ==, "source");
  g_assert_null (variete_source_view_get_error_text (fixture->view));
}

static gboolean
emit_drop (Fixture      *fixture,
           const GValue *value)
{
  GtkDropTarget *target = variete_source_view_get_drop_target (fixture->view);
  gboolean accepted = FALSE;

  g_signal_emit_by_name (target, "drop", value, 10.0, 10.0, &accepted);

  return accepted;
}

static void
test_empty_state (Fixture       *fixture,
                  gconstpointer  data)
{
  g_assert_cmpstr (variete_source_view_get_page_name (fixture->view), ==, "empty");
  g_assert_null (variete_source_view_get_source_url (fixture->view));
  g_assert_null (variete_source_view_get_source (fixture->view));
  g_assert_false (variete_source_view_get_loading (fixture->view));
  g_assert_null (variete_source_view_get_error_text (fixture->view));
}

static void
test_load_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_jpeg ("sketch.jpg", 800, 600);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  variete_source_view_load_file (fixture->view, file);
  g_assert_true (variete_source_view_get_loading (fixture->view));
  g_assert_cmpstr (variete_source_view_get_page_name (fixture->view), ==, "loading");
  g_assert_null (variete_source_view_get_source_url (fixture->view));

  wait_for_view (fixture);
  assert_source (fixture, "sketch.jpg", "data:image/jpeg;base64,");
  g_assert_true (g_str_has_prefix (variete_source_view_get_summary_text (fixture->view),
                                   "800×600 JPEG, "));
  g_assert_cmpuint (fixture->n_url_notifies, ==, 1);
}

static void
test_command_line (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_jpeg ("argv.jpg", 2000, 1000);
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *uri = g_strconcat (server_url, "image.png", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) remote = NULL;

  /* What `variete FILE|URI` and Open With hand over: GFiles from command-line arguments. */
  file = g_file_new_for_commandline_arg_and_cwd (path, cwd);
  variete_source_view_load_file (fixture->view, file);
  wait_for_view (fixture);
  assert_source (fixture, "argv.jpg", "data:image/jpeg;base64,");
  g_assert_true (g_str_has_prefix (variete_source_view_get_summary_text (fixture->view),
                                   "2000×1000 → 1719×859 JPEG, "));

  remote = g_file_new_for_commandline_arg (uri);
  variete_source_view_load_file (fixture->view, remote);
  wait_for_view (fixture);
  assert_source (fixture, "image.png", uri);
  g_assert_cmpstr (variete_source_view_get_source_url (fixture->view), ==, uri);
  g_assert_cmpuint (fixture->n_url_notifies, ==, 2);
}

static void
test_bad_inputs_keep_source (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *text = "not an image\n";
  g_autoptr(GBytes) text_bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) bomb = fixture_png_header (30000, 30000);
  g_autofree char *good = write_jpeg ("good.jpg", 320, 240);
  g_autofree char *other = write_jpeg ("other.jpg", 240, 320);
  g_autofree char *text_path = variete_test_write_file (tmp_dir, "renamed.png", text_bytes);
  g_autofree char *empty_path = variete_test_write_file (tmp_dir, "nothing.jpg", empty);
  g_autofree char *bomb_path = variete_test_write_file (tmp_dir, "bomb.png", bomb);
  g_autofree char *missing_path = g_build_filename (tmp_dir, "nowhere", "lost.png", NULL);
  g_autofree char *url_404 = g_strconcat (server_url, "missing.png", NULL);
  g_autofree char *url_page = g_strconcat (server_url, "page.html", NULL);
  g_autofree char *url = NULL;
  struct { const char *path; const char *needle; } cases[] = {
    { text_path, "renamed.png" },
    { empty_path, "nothing.jpg" },
    { bomb_path, "30000" },
    { tmp_dir, "is a folder" },
    { missing_path, "lost.png" },
    { url_404, "404" },
    { url_page, "web page" },
  };
  g_autoptr(GFile) file = g_file_new_for_path (good);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);

  variete_source_view_load_file (fixture->view, file);
  wait_for_view (fixture);
  assert_source (fixture, "good.jpg", "data:image/jpeg");
  url = g_strdup (variete_source_view_get_source_url (fixture->view));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) bad = g_file_new_for_commandline_arg (cases[i].path);
      const char *error_text;

      variete_source_view_load_file (fixture->view, bad);
      wait_for_view (fixture);

      error_text = variete_source_view_get_error_text (fixture->view);
      g_test_message ("%s: %s", cases[i].path, error_text);
      g_assert_nonnull (error_text);
      g_assert_nonnull (strstr (error_text, cases[i].needle));
      g_assert_cmpstr (variete_source_view_get_source_url (fixture->view), ==, url);
      g_assert_cmpstr (variete_source_view_get_page_name (fixture->view), ==, "source");
      g_assert_cmpuint (fixture->n_url_notifies, ==, 1);
    }

  /* The next good image replaces the source and clears the message. */
  variete_source_view_load_file (fixture->view, other_file);
  g_assert_null (variete_source_view_get_error_text (fixture->view));
  wait_for_view (fixture);
  assert_source (fixture, "other.jpg", "data:image/jpeg");
  g_assert_cmpuint (fixture->n_url_notifies, ==, 2);
}

static void
test_bad_input_when_empty (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GBytes) heic = fixture_heic ();
  g_autofree char *path = variete_test_write_file (tmp_dir, "photo.heic", heic);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  variete_source_view_load_file (fixture->view, file);
  wait_for_view (fixture);
  g_assert_cmpstr (variete_source_view_get_page_name (fixture->view), ==, "empty");
  g_assert_nonnull (strstr (variete_source_view_get_error_text (fixture->view), "photo.heic"));
  g_assert_null (variete_source_view_get_source_url (fixture->view));
  g_assert_cmpuint (fixture->n_url_notifies, ==, 0);
}

static void
test_drop_file_list (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = write_jpeg ("dragged.jpg", 400, 300);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GValue) value = G_VALUE_INIT;
  GSList *files = g_slist_prepend (NULL, file);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_slist_free (files);

  g_assert_true (emit_drop (fixture, &value));
  wait_for_view (fixture);
  assert_source (fixture, "dragged.jpg", "data:image/jpeg");
}

static void
test_drop_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (300, 200, TRUE);
  g_autoptr(GBytes) png = fixture_save (pixbuf, "png");
  g_autofree char *path = variete_test_write_file (tmp_dir, "cutout.png", png);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);

  g_assert_true (emit_drop (fixture, &value));
  wait_for_view (fixture);
  assert_source (fixture, "cutout.png", "data:image/png;base64,");
}

static void
test_drop_texture (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (3000, 2000, FALSE);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GdkPixbuf) thumbnail = NULL;
  VarieteSource *source;

  /* As browsers and image editors offer it: pixels, no file. */
  g_value_init (&value, GDK_TYPE_TEXTURE);
  g_value_set_object (&value, texture);

  g_assert_true (emit_drop (fixture, &value));
  wait_for_view (fixture);
  assert_source (fixture, "Dropped image", "data:image/jpeg;base64,");
  g_assert_true (g_str_has_prefix (variete_source_view_get_summary_text (fixture->view),
                                   "3000×2000 → 1489×992 JPEG, "));
  source = variete_source_view_get_source (fixture->view);
  thumbnail = g_object_ref (variete_source_get_thumbnail (source));
  g_assert_true (fixture_pixel_is (thumbnail, 10, 10, 0xFF0000));
  g_assert_true (fixture_pixel_is (thumbnail, gdk_pixbuf_get_width (thumbnail) - 10, 10,
                                   0x0000FF));
}

static void
test_drop_url (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (server_url, "image.png", NULL);
  g_autofree char *text = g_strconcat ("  ", uri, "\r\n", NULL);
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);

  g_assert_true (emit_drop (fixture, &value));
  wait_for_view (fixture);
  assert_source (fixture, "image.png", uri);
  g_assert_cmpstr (variete_source_view_get_source_url (fixture->view), ==, uri);
}

static void
test_drop_nothing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_jpeg ("kept.jpg", 64, 64);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) list = G_VALUE_INIT;
  g_autofree char *url = NULL;

  variete_source_view_load_file (fixture->view, file);
  wait_for_view (fixture);
  url = g_strdup (variete_source_view_get_source_url (fixture->view));

  g_value_init (&text, G_TYPE_STRING);
  g_value_set_string (&text, "a cat, in the style of a woodcut");
  g_assert_false (emit_drop (fixture, &text));
  g_assert_false (variete_source_view_get_loading (fixture->view));
  g_assert_nonnull (strstr (variete_source_view_get_error_text (fixture->view), "dropped"));
  g_assert_cmpstr (variete_source_view_get_source_url (fixture->view), ==, url);

  g_value_init (&list, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&list, gdk_file_list_new_from_list (NULL));
  g_assert_false (emit_drop (fixture, &list));
  g_assert_nonnull (variete_source_view_get_error_text (fixture->view));
  g_assert_cmpstr (variete_source_view_get_source_url (fixture->view), ==, url);
  g_assert_cmpuint (fixture->n_url_notifies, ==, 1);
}

static void
test_drop_highlight (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkDropTarget *target = variete_source_view_get_drop_target (fixture->view);
  GtkWidget *area = adw_bin_get_child (ADW_BIN (fixture->view));
  GdkDragAction action = 0;

  g_assert_true (gtk_widget_has_css_class (area, "source-drop-area"));
  g_assert_false (gtk_widget_has_css_class (area, "drop-highlight"));

  g_signal_emit_by_name (target, "enter", 10.0, 10.0, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_COPY);
  g_assert_true (gtk_widget_has_css_class (area, "drop-highlight"));

  g_signal_emit_by_name (target, "leave");
  g_assert_false (gtk_widget_has_css_class (area, "drop-highlight"));
}

static void
test_paste_texture (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (200, 100, TRUE);
  g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (pixbuf);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));

  gdk_clipboard_set_texture (clipboard, texture);
  variete_source_view_paste (fixture->view);
  wait_for_view (fixture);
  assert_source (fixture, "Pasted image", "data:image/png;base64,");
}

static void
test_paste_image_data (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (640, 480, FALSE);
  g_autoptr(GBytes) png = fixture_save (pixbuf, "png");
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_for_bytes ("image/png", png);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));

  /* Encoded image data, as another program offers it: read as a stream, decoded off the main
   * loop by the pre-flight. */
  gdk_clipboard_set_content (clipboard, provider);
  variete_source_view_paste (fixture->view);
  wait_for_view (fixture);
  assert_source (fixture, "Pasted image", "data:image/jpeg;base64,");
  g_assert_true (g_str_has_prefix (variete_source_view_get_summary_text (fixture->view),
                                   "640×480 JPEG, "));
}

static void
test_paste_file (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = write_jpeg ("copied.jpg", 128, 96);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));
  GSList *files = g_slist_prepend (NULL, file);
  GdkFileList *list = gdk_file_list_new_from_list (files);

  g_slist_free (files);
  provider = gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, list);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);

  gdk_clipboard_set_content (clipboard, provider);
  variete_source_view_paste (fixture->view);
  wait_for_view (fixture);
  assert_source (fixture, "copied.jpg", "data:image/jpeg");
}

static void
test_paste_url (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (server_url, "image.png", NULL);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));

  gdk_clipboard_set_text (clipboard, uri);
  variete_source_view_paste (fixture->view);
  wait_for_view (fixture);
  assert_source (fixture, "image.png", uri);
}

static void
test_paste_nothing (Fixture       *fixture,
                    gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->view));

  gdk_clipboard_set_text (clipboard, "cat");
  variete_source_view_paste (fixture->view);
  wait_for_view (fixture);
  g_assert_nonnull (strstr (variete_source_view_get_error_text (fixture->view), "clipboard"));
  g_assert_null (variete_source_view_get_source_url (fixture->view));
  g_assert_cmpstr (variete_source_view_get_page_name (fixture->view), ==, "empty");
}

static gboolean
chooser_has_file (gpointer data)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (data);

  return file != NULL;
}

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = write_jpeg ("chosen.jpg", 500, 400);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) filters = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileChooserNative *chooser;

  variete_source_view_open (fixture->view);
  chooser = variete_source_view_get_file_chooser (fixture->view);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_native_dialog_get_visible (GTK_NATIVE_DIALOG (chooser)));
  g_assert_true (gtk_native_dialog_get_transient_for (GTK_NATIVE_DIALOG (chooser)) ==
                 fixture->window);

  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 1);
  filter = g_list_model_get_item (filters, 0);
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "Images");

  /* Opening again while it is open shows the same chooser. */
  variete_source_view_open (fixture->view);
  g_assert_true (variete_source_view_get_file_chooser (fixture->view) == chooser);

  /* Choose the file as a person would, and press Open. */
  gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error);
  g_assert_no_error (error);
  variete_test_spin_until (chooser_has_file, chooser, WAIT_TIMEOUT_SECONDS);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_ACCEPT);

  g_assert_null (variete_source_view_get_file_chooser (fixture->view));
  wait_for_view (fixture);
  assert_source (fixture, "chosen.jpg", "data:image/jpeg");
}

static void
test_open_cancelled (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkFileChooserNative *chooser;

  variete_source_view_open (fixture->view);
  chooser = variete_source_view_get_file_chooser (fixture->view);
  g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);

  g_assert_null (variete_source_view_get_file_chooser (fixture->view));
  g_assert_false (variete_source_view_get_loading (fixture->view));
  g_assert_cmpstr (variete_source_view_get_page_name (fixture->view), ==, "empty");
}

static void
test_newer_load_wins (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *big = write_jpeg ("first.jpg", 4000, 3000);
  g_autofree char *small = write_jpeg ("second.jpg", 64, 64);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);

  variete_source_view_load_file (fixture->view, big_file);
  variete_source_view_load_file (fixture->view, small_file);
  wait_for_view (fixture);
  assert_source (fixture, "second.jpg", "data:image/jpeg");

  /* Let the first, cancelled, pre-flight end: it must change nothing. */
  for (int i = 0; i < 20; i++)
    {
      g_usleep (10 * 1000);
      while (g_main_context_iteration (NULL, FALSE));
    }
  assert_source (fixture, "second.jpg", "data:image/jpeg");
  g_assert_cmpuint (fixture->n_url_notifies, ==, 1);
}

static void
test_destroyed_while_loading (void)
{
  g_autofree char *path = write_jpeg ("abandoned.jpg", 4000, 3000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  VarieteSourceView *view = g_object_new (VARIETE_TYPE_SOURCE_VIEW, NULL);

  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  g_object_ref (view);

  variete_source_view_load_file (view, file);
  gtk_window_destroy (window);
  g_assert_finalize_object (view);

  /* The pre-flight ends after the view is gone; its callback must not touch it. */
  for (int i = 0; i < 50; i++)
    {
      g_usleep (10 * 1000);
      while (g_main_context_iteration (NULL, FALSE));
    }
}

static void
server_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  if (g_str_equal (path, "/image.png"))
    {
      g_autoptr(GdkPixbuf) pixbuf = fixture_pixbuf (64, 48, FALSE);
      g_autoptr(GBytes) png = fixture_save (pixbuf, "png");

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (png, NULL), g_bytes_get_size (png));
    }
  else if (g_str_equal (path, "/page.html"))
    {
      const char *html = "<!DOCTYPE html><html><body><img src=\"image.png\"></body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        html, strlen (html));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

/* The fallback file chooser of /source-view/open leaves two allocations behind by design:
 * libcloudproviders' per-process paths, and GLib's first block of quarks, which it keeps for
 * lock-free readers when GTK's many quarks outgrow it. Only LeakSanitizer calls this. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libcloudproviders.so\n"
         "leak:_dl_init\n";
}

/* Those suppressions match frames deep in the libraries: record whole stacks. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char *argv[])
{
  g_autofree char *origin = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmp_dir = variete_test_make_tmp_dir ("variete-test-source-view-XXXXXX");
  server = variete_test_server_new (server_cb, NULL, &origin);
  server_url = g_strconcat (origin, "/", NULL);

  ADD_TEST ("/source-view/empty-state", test_empty_state);
  ADD_TEST ("/source-view/load-file", test_load_file);
  ADD_TEST ("/source-view/command-line", test_command_line);
  ADD_TEST ("/source-view/bad-inputs-keep-source", test_bad_inputs_keep_source);
  ADD_TEST ("/source-view/bad-input-when-empty", test_bad_input_when_empty);
  ADD_TEST ("/source-view/drop/file-list", test_drop_file_list);
  ADD_TEST ("/source-view/drop/file", test_drop_file);
  ADD_TEST ("/source-view/drop/texture", test_drop_texture);
  ADD_TEST ("/source-view/drop/url", test_drop_url);
  ADD_TEST ("/source-view/drop/nothing-usable", test_drop_nothing);
  ADD_TEST ("/source-view/drop/highlight", test_drop_highlight);
  ADD_TEST ("/source-view/paste/texture", test_paste_texture);
  ADD_TEST ("/source-view/paste/image-data", test_paste_image_data);
  ADD_TEST ("/source-view/paste/file", test_paste_file);
  ADD_TEST ("/source-view/paste/url", test_paste_url);
  ADD_TEST ("/source-view/paste/nothing-usable", test_paste_nothing);
  ADD_TEST ("/source-view/open", test_open);
  ADD_TEST ("/source-view/open-cancelled", test_open_cancelled);
  ADD_TEST ("/source-view/newer-load-wins", test_newer_load_wins);
  g_test_add_func ("/source-view/destroyed-while-loading", test_destroyed_while_loading);

  ret = g_test_run ();

  g_clear_object (&server);
  g_clear_pointer (&server_url, g_free);
  fixture_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);

  return ret;
}
