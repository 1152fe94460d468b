/* test-results.c
 *
 * The results view, the compare window and the history window, driven by jobs against the
 * in-process fake server: tiles filling in, the status line in words, Use as Source, Copy,
 * the before/after slider, Restore and Delete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "variete-compare-window.h"
#include "variete-fake-server.h"
#include "variete-history-row.h"
#include "variete-history-window.h"
#include "variete-library.h"
#include "variete-result-tile.h"
#include "variete-results-view.h"
#include "variete-test-gtk.h"
#include "variete-test-utils.h"

#define TIME_SCALE 0.01
#define WAIT_TIMEOUT_SECONDS 20
#define ARTWORK_PATH "GET /v2/artworks/"

typedef struct
{
  VarieteFakeServer *server;
  VarieteClient     *client;
  char              *tmp_dir;
  char              *journal_dir;
  char              *output_dir;
  GtkWindow         *window;
  VarieteResultsView *view;
} Fixture;

/* Helpers: jobs */

static gboolean
job_is_final (gpointer data)
{
  return variete_job_state_is_final (variete_job_get_state (data));
}

/* Helpers: widgets */

/* The visible result tiles, in order. */
static GPtrArray *
get_result_tiles (VarieteResultsView *view)
{
  g_autoptr(GPtrArray) tiles = variete_test_find_all (GTK_WIDGET (view), VARIETE_TYPE_RESULT_TILE);
  GPtrArray *results = g_ptr_array_new ();

  for (guint i = 0; i < tiles->len; i++)
    {
      VarieteResultTile *tile = g_ptr_array_index (tiles, i);

      if (variete_result_tile_get_is_result (tile) && gtk_widget_get_visible (GTK_WIDGET (tile)))
        g_ptr_array_add (results, tile);
    }

  return results;
}

static VarieteResultTile *
get_source_tile (VarieteResultsView *view)
{
  g_autoptr(GPtrArray) tiles = variete_test_find_all (GTK_WIDGET (view), VARIETE_TYPE_RESULT_TILE);

  for (guint i = 0; i < tiles->len; i++)
    if (!variete_result_tile_get_is_result (g_ptr_array_index (tiles, i)))
      return g_ptr_array_index (tiles, i);

  return NULL;
}

/* A widget is never shorter for no width than for some width: GTK reports that as an error
 * ("Expect overlapping widgets") when a parent measures with a huge width. */
static void
assert_heights_consistent (GtkWidget *widget)
{
  if (gtk_widget_get_request_mode (widget) != GTK_SIZE_REQUEST_CONSTANT_SIZE)
    {
      int for_none, for_huge;

      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &for_none, NULL, NULL, NULL);
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 1048576, &for_huge, NULL, NULL, NULL);
      if (for_none < for_huge)
        g_error ("%s: minimum height %d, but %d for a huge width",
                 G_OBJECT_TYPE_NAME (widget), for_none, for_huge);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_heights_consistent (child);
}

static gboolean
tiles_have_textures (gpointer data)
{
  g_autoptr(GPtrArray) tiles = get_result_tiles (data);

  for (guint i = 0; i < tiles->len; i++)
    if (!GDK_IS_TEXTURE (variete_result_tile_get_paintable (g_ptr_array_index (tiles, i))))
      return FALSE;

  return tiles->len > 0;
}

static GdkTexture *
new_source_texture (void)
{
  g_autoptr(GdkPixbuf) pixbuf = variete_test_new_pixbuf (96, 64, FALSE, 0x3584e4ff);

  return gdk_texture_new_for_pixbuf (pixbuf);
}

/* Helpers: fixture */

static VarieteJob *
new_job (Fixture    *f,
         const char *prompt)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request (prompt);
  VarieteJob *job = variete_job_new (f->client, request, f->journal_dir, f->output_dir);

  variete_job_set_time_scale (job, TIME_SCALE);

  return job;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *overlay;

  f->server = variete_test_fake_server_new ();
  f->client = variete_test_client_new (f->server);

  f->tmp_dir = variete_test_make_tmp_dir ("variete-test-results-XXXXXX");
  f->journal_dir = g_build_filename (f->tmp_dir, "jobs", NULL);
  f->output_dir = g_build_filename (f->tmp_dir, "Pictures", NULL);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 500);
  overlay = adw_toast_overlay_new ();
  f->view = VARIETE_RESULTS_VIEW (variete_results_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (f->view));
  gtk_window_set_child (f->window, overlay);
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_ref (f->window);
  gtk_window_destroy (f->window);
  g_assert_finalize_object (f->window);

  variete_test_run_pending ();

  /* A job's last journal write may still hold the client for a moment, on a worker thread. */
  variete_test_unref_and_wait (&f->client, WAIT_TIMEOUT_SECONDS);
  g_assert_finalize_object (f->server);

  variete_test_rm_rf (f->tmp_dir);
  g_free (f->tmp_dir);
  g_free (f->journal_dir);
  g_free (f->output_dir);
}

/* Tests: the results view */

static void
test_results_fill_in (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VarieteJob) job = new_job (f, "a fox");
  g_autoptr(GdkTexture) source = new_source_texture ();
  g_autoptr(GPtrArray) tiles = NULL;
  VarieteResultTile *source_tile;
  g_autofree char *expected_status = NULL;

  g_assert_null (variete_results_view_get_status (f->view));
  g_assert_cmpuint (get_result_tiles (f->view)->len, ==, 0);

  variete_results_view_set_source (f->view, GDK_PAINTABLE (source), "fox.png");
  source_tile = get_source_tile (f->view);
  g_assert_nonnull (source_tile);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (source_tile)));
  g_assert_cmpstr (variete_result_tile_get_title (source_tile), ==, "Source");
  g_assert_cmpstr (variete_result_tile_get_subtitle (source_tile), ==, "fox.png");
  g_assert_true (variete_result_tile_get_paintable (source_tile) == GDK_PAINTABLE (source));

  /* Before any result: one placeholder per image asked for, each with a spinner. */
  variete_results_view_set_job (f->view, job);
  variete_job_start (job);
  g_clear_pointer (&tiles, g_ptr_array_unref);
  tiles = get_result_tiles (f->view);
  g_assert_cmpuint (tiles->len, ==, 2);
  for (guint i = 0; i < tiles->len; i++)
    {
      g_autofree char *title = g_strdup_printf ("Result %u", i + 1);

      g_assert_cmpstr (variete_result_tile_get_title (g_ptr_array_index (tiles, i)), ==, title);
      g_assert_true (variete_result_tile_get_busy (g_ptr_array_index (tiles, i)));
      g_assert_null (variete_result_tile_get_paintable (g_ptr_array_index (tiles, i)));
    }
  g_assert_cmpstr (variete_results_view_get_status (f->view), ==, "Sending…");
  assert_heights_consistent (GTK_WIDGET (f->view));

  variete_test_spin_until (job_is_final, job, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);

  /* Each tile shows its saved result, decoded off the main loop. */
  variete_test_spin_until (tiles_have_textures, f->view, WAIT_TIMEOUT_SECONDS);
  g_clear_pointer (&tiles, g_ptr_array_unref);
  tiles = get_result_tiles (f->view);
  g_assert_cmpuint (tiles->len, ==, 2);
  for (guint i = 0; i < tiles->len; i++)
    {
      VarieteResultTile *tile = g_ptr_array_index (tiles, i);
      g_autoptr(GFile) saved = g_list_model_get_item (variete_job_get_results (job), i);

      g_assert_false (variete_result_tile_get_busy (tile));
      g_assert_true (g_file_equal (variete_result_tile_get_file (tile), saved));
      g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (variete_result_tile_get_paintable (tile))), ==, 64);
    }

  expected_status = g_strdup_printf ("Done — saved to %s", f->output_dir);
  g_assert_cmpstr (variete_results_view_get_status (f->view), ==, expected_status);
  assert_heights_consistent (GTK_WIDGET (f->view));

  /* A view without a job shows no results and no status. */
  variete_results_view_set_job (f->view, NULL);
  g_assert_null (variete_results_view_get_status (f->view));
  g_clear_pointer (&tiles, g_ptr_array_unref);
  tiles = get_result_tiles (f->view);
  g_assert_cmpuint (tiles->len, ==, 0);
}

static void
record_status_cb (VarieteResultsView *view,
                  GParamSpec         *pspec,
                  GPtrArray          *seen)
{
  const char *status = variete_results_view_get_status (view);

  if (status != NULL)
    g_ptr_array_add (seen, g_strdup (status));
}

static gboolean
seen_prefix (GPtrArray  *seen,
             const char *prefix,
             const char *suffix)
{
  for (guint i = 0; i < seen->len; i++)
    {
      const char *status = g_ptr_array_index (seen, i);

      if (g_str_has_prefix (status, prefix) && (suffix == NULL || g_str_has_suffix (status, suffix)))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GPtrArray  *seen;
  const char *prefix;
  const char *suffix;
} SeenWait;

static gboolean
status_seen (gpointer data)
{
  SeenWait *wait = data;

  return seen_prefix (wait->seen, wait->prefix, wait->suffix);
}

static void
test_results_status (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VarieteJob) job = NULL;
  SeenWait wait = { seen, NULL, NULL };

  /* Queued for one poll, processing for many, and a 429 on the second poll. */
  variete_fake_server_set_polls_until_done (f->server, 150);
  variete_fake_server_inject_fault (f->server, ARTWORK_PATH, VARIETE_FAKE_FAULT_RATE_LIMIT, 1);
  job = new_job (f, "a slow fox");

  g_signal_connect (f->view, "notify::status", G_CALLBACK (record_status_cb), seen);
  variete_results_view_set_job (f->view, job);
  variete_job_start (job);

  wait.prefix = "Waiting in the queue";
  variete_test_spin_until (status_seen, &wait, WAIT_TIMEOUT_SECONDS);

  wait.prefix = "Waiting ";
  wait.suffix = " s: the server asked us to slow down";
  variete_test_spin_until (status_seen, &wait, WAIT_TIMEOUT_SECONDS);

  /* "Processing — 0:00", then the clock ticks every second. */
  wait.prefix = "Processing — 0:0";
  wait.suffix = NULL;
  variete_test_spin_until (status_seen, &wait, WAIT_TIMEOUT_SECONDS);
  wait.prefix = "Processing — 0:01";
  variete_test_spin_until (status_seen, &wait, WAIT_TIMEOUT_SECONDS);

  for (guint i = 0; i < seen->len; i++)
    g_test_message ("status: %s", (char *) g_ptr_array_index (seen, i));

  /* Stopping is not an error. */
  variete_job_cancel (job);
  g_assert_cmpstr (variete_results_view_get_status (f->view), ==,
                   "Stopped. Resume it from History while the server keeps it.");
  g_assert_cmpuint (get_result_tiles (f->view)->len, ==, 0);

  g_signal_handlers_disconnect_by_data (f->view, seen);
  variete_test_spin_for (50);
}

static void
test_results_failed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteJob) job = NULL;

  variete_fake_server_set_final_status (f->server, "failed");
  job = new_job (f, "a failing fox");
  variete_results_view_set_job (f->view, job);
  variete_job_start (job);
  variete_test_spin_until (job_is_final, job, WAIT_TIMEOUT_SECONDS);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  g_assert_cmpstr (variete_results_view_get_status (f->view), ==, variete_job_get_error (job)->message);
  assert_heights_consistent (GTK_WIDGET (f->view));
  g_assert_cmpuint (get_result_tiles (f->view)->len, ==, 0);
}

static void
use_as_source_cb (VarieteResultsView *view,
                  const char         *url,
                  GFile              *file,
                  gpointer            user_data)
{
  char **out = user_data;

  g_assert_null (*out);
  g_assert_true (G_IS_FILE (file));
  *out = g_strdup (url);
}

static gboolean
clipboard_has_texture (gpointer data)
{
  GdkContentFormats *formats = gdk_clipboard_get_formats (data);

  return gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE);
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GdkTexture **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_results_actions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VarieteJob) job = new_job (f, "a useful fox");
  g_autoptr(GPtrArray) tiles = NULL;
  g_autoptr(GdkTexture) copied = NULL;
  g_autofree char *url = NULL;
  g_autofree char *prefix = NULL;
  VarieteResultTile *second;
  GdkClipboard *clipboard;

  variete_fake_server_set_result_size (f->server, 200, 120);
  variete_results_view_set_job (f->view, job);
  variete_job_start (job);
  variete_test_spin_until (job_is_final, job, WAIT_TIMEOUT_SECONDS);
  variete_test_spin_until (tiles_have_textures, f->view, WAIT_TIMEOUT_SECONDS);

  tiles = get_result_tiles (f->view);
  second = g_ptr_array_index (tiles, 1);

  /* Use as Source gives the result's own URL on the server: no upload. */
  g_signal_connect (f->view, "use-as-source", G_CALLBACK (use_as_source_cb), &url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "tile.use-as-source", NULL));
  variete_test_spin_until (variete_test_pointer_is_set, &url, WAIT_TIMEOUT_SECONDS);
  prefix = g_strdup_printf ("%s/results/", variete_fake_server_get_base_url (f->server));
  g_assert_true (g_str_has_prefix (url, prefix));
  g_assert_cmpstr (url, ==, variete_library_get_result_url (job, 1));
  g_signal_handlers_disconnect_by_data (f->view, &url);

  /* Copy puts the whole image on the clipboard, not the thumbnail. */
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (second));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "tile.copy", NULL));
  variete_test_spin_until (clipboard_has_texture, clipboard, WAIT_TIMEOUT_SECONDS);
  gdk_clipboard_read_texture_async (clipboard, NULL, clipboard_read_cb, &copied);
  variete_test_spin_until (variete_test_pointer_is_set, &copied, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpint (gdk_texture_get_width (copied), ==, 200);
  g_assert_cmpint (gdk_texture_get_height (copied), ==, 120);

  /* Dragged out, a result is a file for Files, GIMP or a browser, and an image for the rest. */
  {
    GtkWidget *frame = gtk_widget_get_first_child (GTK_WIDGET (second));
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (frame);
    g_autoptr(GdkContentProvider) provider = NULL;
    g_autoptr(GdkContentFormats) formats = NULL;
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && provider == NULL; i++)
      {
        g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DRAG_SOURCE (controller))
          g_signal_emit_by_name (controller, "prepare", 10.0, 10.0, &provider);
      }

    g_assert_nonnull (provider);
    formats = gdk_content_provider_ref_formats (provider);
    g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST));
    g_assert_true (gdk_content_formats_contain_gtype (formats, G_TYPE_FILE));
    g_assert_true (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE));
    g_value_init (&value, G_TYPE_FILE);
    g_assert_true (gdk_content_provider_get_value (provider, &value, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_equal (g_value_get_object (&value), variete_result_tile_get_file (second)));
  }

  /* The tile's shape follows the image. */
  g_assert_cmpfloat_with_epsilon (gdk_paintable_get_intrinsic_aspect_ratio (variete_result_tile_get_paintable (second)),
                                  200.0 / 120.0, 0.02);
}

static void
test_results_compare (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VarieteJob) job = new_job (f, "a comparable fox");
  g_autoptr(GdkTexture) source = new_source_texture ();
  g_autoptr(GPtrArray) tiles = NULL;
  g_autoptr(GPtrArray) scales = NULL;
  VarieteCompareWindow *window;
  GtkRange *scale;

  variete_results_view_set_source (f->view, GDK_PAINTABLE (source), NULL);
  variete_results_view_set_job (f->view, job);
  variete_job_start (job);
  variete_test_spin_until (job_is_final, job, WAIT_TIMEOUT_SECONDS);
  variete_test_spin_until (tiles_have_textures, f->view, WAIT_TIMEOUT_SECONDS);
  tiles = get_result_tiles (f->view);

  /* Clicking (or Enter on) a result opens it over its source. */
  g_signal_emit_by_name (g_ptr_array_index (tiles, 0), "activate");
  window = VARIETE_COMPARE_WINDOW (variete_test_wait_for_toplevel (VARIETE_TYPE_COMPARE_WINDOW,
                                                                  WAIT_TIMEOUT_SECONDS));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (window)) == f->window);
  g_assert_cmpfloat (variete_compare_window_get_position (window), ==, 0.5);

  /* The scale moves the split, and the split moves the scale. */
  scales = variete_test_find_all (GTK_WIDGET (window), GTK_TYPE_SCALE);
  g_assert_cmpuint (scales->len, ==, 1);
  scale = g_ptr_array_index (scales, 0);
  gtk_range_set_value (scale, 0.8);
  g_assert_cmpfloat_with_epsilon (variete_compare_window_get_position (window), 0.8, 1e-9);
  variete_compare_window_set_position (window, 0.25);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (scale), 0.25, 1e-9);
  variete_compare_window_set_position (window, 7);
  g_assert_cmpfloat (variete_compare_window_get_position (window), ==, 1.0);

  /* The keyboard reaches the scale at once. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == GTK_WIDGET (scale));

  /* Esc closes it. */
  g_object_ref (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  variete_test_spin_for (50);
  g_assert_finalize_object (window);
}

/* Tests: history */

static void
restore_cb (VarieteHistoryWindow *window,
            VarieteRequest       *request,
            gpointer              user_data)
{
  VarieteRequest **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (request);
}

static GPtrArray *
get_rows (VarieteHistoryWindow *window)
{
  return variete_test_find_all (GTK_WIDGET (window), VARIETE_TYPE_HISTORY_ROW);
}

typedef struct
{
  VarieteHistoryWindow *window;
  guint                 n_rows;
} RowsWait;

static gboolean
rows_counted (gpointer data)
{
  RowsWait *wait = data;
  g_autoptr(GPtrArray) rows = get_rows (wait->window);

  return rows->len == wait->n_rows;
}

static GtkStack *
get_stack (VarieteHistoryWindow *window)
{
  g_autoptr(GPtrArray) stacks = variete_test_find_all (GTK_WIDGET (window), GTK_TYPE_STACK);

  return g_ptr_array_index (stacks, 0);
}

static void
delete_with_dialog (VarieteHistoryWindow *window,
                    VarieteHistoryRow    *row,
                    gboolean              delete_files)
{
  AdwMessageDialog *dialog;
  GtkWidget *check;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.delete", NULL));
  dialog = ADW_MESSAGE_DIALOG (variete_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG,
                                                              WAIT_TIMEOUT_SECONDS));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  check = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), delete_files);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(VarieteLibrary) library = variete_library_new (f->journal_dir);
  g_autoptr(VarieteRequest) first_request = variete_test_new_request ("the first fox");
  g_autoptr(VarieteRequest) second_request = variete_test_new_request ("the second fox");
  g_autoptr(VarieteRequest) restored = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GFile) first_result = NULL;
  g_autoptr(GFile) second_result = NULL;
  VarieteHistoryWindow *window;
  VarieteJob *first, *second;
  RowsWait wait;

  variete_library_set_client (library, f->client);
  variete_library_set_time_scale (library, TIME_SCALE);

  /* Empty at first. */
  window = variete_history_window_new (library);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_stack (window)), ==, "empty");

  first = variete_library_submit (library, NULL, first_request, f->output_dir, NULL);
  variete_test_spin_until (job_is_final, first, WAIT_TIMEOUT_SECONDS);
  second = variete_library_submit (library, NULL, second_request, f->output_dir, NULL);
  variete_test_spin_until (job_is_final, second, WAIT_TIMEOUT_SECONDS);
  first_result = g_list_model_get_item (variete_job_get_results (first), 0);
  second_result = g_list_model_get_item (variete_job_get_results (second), 0);

  wait.window = window;
  wait.n_rows = 2;
  variete_test_spin_until (rows_counted, &wait, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_stack (window)), ==, "list");

  /* Newest first, with the prompt as title and the retention in the subtitle. */
  rows = get_rows (window);
  g_assert_true (variete_history_row_get_job (g_ptr_array_index (rows, 0)) == second);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "the second fox");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "Done"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)),
                            "Deleted from the server in 8 days"));

  /* Restore hands back the job's request. */
  g_signal_connect (window, "restore", G_CALLBACK (restore_cb), &restored);
  g_assert_true (gtk_widget_activate_action (g_ptr_array_index (rows, 1), "row.restore", NULL));
  variete_test_spin_until (variete_test_pointer_is_set, &restored, WAIT_TIMEOUT_SECONDS);
  g_assert_true (restored == variete_job_get_request (first));
  g_assert_true (variete_request_equal (restored, first_request));

  /* Delete, keeping the images. */
  delete_with_dialog (window, g_ptr_array_index (rows, 1), FALSE);
  g_clear_pointer (&rows, g_ptr_array_unref);
  wait.n_rows = 1;
  variete_test_spin_until (rows_counted, &wait, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpuint (g_list_model_get_n_items (variete_library_get_jobs (library)), ==, 1);
  variete_test_spin_for (100);
  g_assert_true (g_file_query_exists (first_result, NULL));

  /* Delete with the images: the empty state comes back. */
  rows = get_rows (window);
  delete_with_dialog (window, g_ptr_array_index (rows, 0), TRUE);
  g_clear_pointer (&rows, g_ptr_array_unref);
  wait.n_rows = 0;
  variete_test_spin_until (rows_counted, &wait, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_stack (window)), ==, "empty");
  variete_test_spin_for (100);
  g_assert_false (g_file_query_exists (second_result, NULL));

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static GtkWidget *
find_more_button (VarieteHistoryWindow *window)
{
  g_autoptr(GPtrArray) buttons = variete_test_find_all (GTK_WIDGET (window), GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

      if (g_strcmp0 (label, "Show _Older Jobs") == 0)
        return g_ptr_array_index (buttons, i);
    }

  g_assert_not_reached ();
}

static void
test_history_pages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(VarieteLibrary) library = variete_library_new (f->journal_dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  VarieteHistoryWindow *window;
  GtkWidget *more;
  RowsWait wait;
  const guint n_jobs = 40;

  /* Older jobs have smaller numbers: job 0 started 39 minutes before the last one. */
  for (guint i = 0; i < n_jobs; i++)
    {
      g_autofree char *id = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      g_autofree char *started_at = g_strdup_printf ("2026-11-20T10:%02u:00Z", i);
      g_autofree char *prompt = g_strdup_printf ("fox number %u", i);
      g_autofree char *path = variete_test_write_journal (f->journal_dir, id, "succeeded",
                                                          started_at, prompt);
    }
  variete_library_load_async (library, f->client, f->output_dir, NULL,
                              variete_test_store_result_cb, &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);
  g_assert_true (variete_library_load_finish (library, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (variete_library_get_jobs (library)), ==, n_jobs);

  /* Opening makes only the first rows; the rest of the page follows a few a frame. */
  window = variete_history_window_new (library);
  rows = get_rows (window);
  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <, 30);
  g_clear_pointer (&rows, g_ptr_array_unref);
  gtk_window_present (GTK_WINDOW (window));

  wait.window = window;
  wait.n_rows = 30;
  variete_test_spin_until (rows_counted, &wait, WAIT_TIMEOUT_SECONDS);
  variete_test_spin_for (200);
  rows = get_rows (window);
  g_assert_cmpuint (rows->len, ==, 30);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "fox number 39");
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 29)), ==, "fox number 10");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The older ten are a click away, and then there is nothing more to show. */
  more = find_more_button (window);
  g_assert_true (gtk_widget_get_visible (more));
  g_signal_emit_by_name (more, "clicked");
  g_assert_false (gtk_widget_get_visible (more));
  wait.n_rows = n_jobs;
  variete_test_spin_until (rows_counted, &wait, WAIT_TIMEOUT_SECONDS);
  rows = get_rows (window);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, n_jobs - 1)), ==,
                   "fox number 0");

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_history_resume (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteLibrary) library = variete_library_new (f->journal_dir);
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a resumed fox");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  VarieteHistoryWindow *window;
  VarieteJob *job;
  RowsWait wait;
  gboolean resume_visible = FALSE;

  variete_library_set_client (library, f->client);
  variete_library_set_time_scale (library, TIME_SCALE);
  variete_fake_server_set_polls_until_done (f->server, 5);

  job = variete_library_submit (library, NULL, request, f->output_dir, NULL);
  variete_job_cancel (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_ABANDONED);
  variete_test_spin_for (100);

  window = variete_history_window_new (library);
  gtk_window_present (GTK_WINDOW (window));
  wait.window = window;
  wait.n_rows = 1;
  variete_test_spin_until (rows_counted, &wait, WAIT_TIMEOUT_SECONDS);
  rows = get_rows (window);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "Stopped"));

  /* Resume shows only for a job that can go on, and finishes it. */
  buttons = variete_test_find_all (g_ptr_array_index (rows, 0), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "row.resume") == 0)
      resume_visible = gtk_widget_get_visible (g_ptr_array_index (buttons, i));
  g_assert_true (resume_visible);

  g_assert_true (gtk_widget_activate_action (g_ptr_array_index (rows, 0), "row.resume", NULL));
  variete_test_spin_until (job_is_final, job, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (g_ptr_array_index (rows, 0)), "Done"));

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static void
test_history_age (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) then = g_date_time_new (utc, 2024, 7, 29, 12, 0, 0);
  struct { GTimeSpan after; const char *text; } cases[] = {
    { 10 * G_TIME_SPAN_SECOND, "Just now" },
    { G_TIME_SPAN_MINUTE, "1 minute ago" },
    { 5 * G_TIME_SPAN_MINUTE, "5 minutes ago" },
    { 2 * G_TIME_SPAN_HOUR + G_TIME_SPAN_MINUTE, "2 hours ago" },
    { G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR, "Yesterday" },
    { 5 * G_TIME_SPAN_DAY, "5 days ago" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add (then, cases[i].after);
      g_autofree char *age = variete_format_age (then, now);

      g_assert_cmpstr (age, ==, cases[i].text);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* GSK_RENDERER=cairo draws without GL; this keeps GDK from even opening EGL, whose
   * one-off allocations LeakSanitizer would report. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/results/fill-in", Fixture, NULL, fixture_set_up, test_results_fill_in, fixture_tear_down);
  g_test_add ("/results/status", Fixture, NULL, fixture_set_up, test_results_status, fixture_tear_down);
  g_test_add ("/results/failed", Fixture, NULL, fixture_set_up, test_results_failed, fixture_tear_down);
  g_test_add ("/results/actions", Fixture, NULL, fixture_set_up, test_results_actions, fixture_tear_down);
  g_test_add ("/results/compare", Fixture, NULL, fixture_set_up, test_results_compare, fixture_tear_down);
  g_test_add ("/history/list-restore-delete", Fixture, NULL, fixture_set_up, test_history, fixture_tear_down);
  g_test_add ("/history/pages", Fixture, NULL, fixture_set_up, test_history_pages, fixture_tear_down);
  g_test_add ("/history/resume", Fixture, NULL, fixture_set_up, test_history_resume, fixture_tear_down);
  g_test_add_func ("/history/age", test_history_age);

  return g_test_run ();
}
