/* test-window-messages.c
 *
 * What the main window tells the artist about jobs: a job resumed at start is shown there, not
 * only in History, and a job's error is shown once — in the status line under the results —
 * with no toast repeating it, and no toast on more than one line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "variete-application.h"
#include "variete-fake-server.h"
#include "variete-results-view.h"
#include "variete-test-gtk.h"
#include "variete-test-utils.h"
#include "variete-window.h"

#define WAIT_TIMEOUT_SECONDS 20

static VarieteApplication *app;
static VarieteFakeServer *server;
static char *resumed_id;

static VarieteWindow *
get_window (void)
{
  return VARIETE_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static VarieteResultsView *
get_results_view (void)
{
  return VARIETE_RESULTS_VIEW (variete_test_find_descendant (GTK_WIDGET (get_window ()),
                                                             VARIETE_TYPE_RESULTS_VIEW, NULL));
}

static VarieteJob *
shown_job (void)
{
  return variete_results_view_get_job (get_results_view ());
}

static gboolean
shown_job_is (gpointer data)
{
  VarieteJob *job = shown_job ();

  return job != NULL && variete_job_get_state (job) == (VarieteJobState) GPOINTER_TO_INT (data);
}

/* The labels of @root, visible or not, whose text holds @needle. */
static guint
count_labels_with (GtkWidget  *root,
                   const char *needle)
{
  g_autoptr(GPtrArray) labels = variete_test_find_all (root, GTK_TYPE_LABEL);
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

      if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)) && strstr (text, needle) != NULL)
        n++;
    }

  return n;
}

/* The toasts on screen, as libadwaita shows them: widgets of its own type in the overlay, a
 * type registered with the first toast ever shown. */
static GPtrArray *
find_toasts (void)
{
  GType type = g_type_from_name ("AdwToastWidget");

  if (type == G_TYPE_INVALID)
    return g_ptr_array_new ();

  return variete_test_find_all (GTK_WIDGET (get_window ()), type);
}

static void
test_resumed_job_shown (void)
{
  VarieteJob *job;

  /* The journal was there before the app started (main()); no one opened History. */
  variete_test_spin_until (shown_job_is, GINT_TO_POINTER (VARIETE_JOB_STATE_SUCCEEDED),
                           WAIT_TIMEOUT_SECONDS);

  job = shown_job ();
  g_assert_cmpstr (variete_job_get_artwork_id (job), ==, resumed_id);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_results_view ())));
  g_assert_cmpuint (g_list_model_get_n_items (variete_job_get_results (job)), ==, 2);
}

static void
test_error_shown_once (void)
{
  VarieteRequest *request = variete_window_get_request (get_window ());
  g_autofree char *data_url = variete_test_png_data_url (16, 16, FALSE, 0x336699ff);
  g_autoptr(GPtrArray) toasts = NULL;
  const GError *error;

  variete_fake_server_set_refuse_data_urls (server, TRUE);
  variete_request_set_source_url (request, data_url);
  g_action_group_activate_action (G_ACTION_GROUP (get_window ()), "generate", NULL);
  variete_test_spin_until (shown_job_is, GINT_TO_POINTER (VARIETE_JOB_STATE_FAILED),
                           WAIT_TIMEOUT_SECONDS);
  variete_test_spin_for (300);

  error = variete_job_get_error (shown_job ());
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);

  /* Once, in the status line. */
  g_assert_cmpuint (count_labels_with (GTK_WIDGET (get_window ()), "image host"), ==, 1);
  g_assert_cmpstr (variete_results_view_get_status (get_results_view ()), ==, error->message);

  /* No toast repeats it, and none spans lines. */
  toasts = find_toasts ();
  for (guint i = 0; i < toasts->len; i++)
    {
      g_autoptr(GPtrArray) labels = variete_test_find_all (g_ptr_array_index (toasts, i),
                                                           GTK_TYPE_LABEL);

      for (guint j = 0; j < labels->len; j++)
        {
          const char *text = gtk_label_get_text (g_ptr_array_index (labels, j));

          g_assert_null (strchr (text, '\n'));
          g_assert_null (strstr (text, "image host"));
        }
    }

  variete_fake_server_set_refuse_data_urls (server, FALSE);
}

/* An error that Retry may fix: the toast offers Retry, for a while, and leaves the reason to
 * the status line. */
static void
test_retry_toast (void)
{
  VarieteRequest *request = variete_window_get_request (get_window ());
  g_autoptr(GPtrArray) toasts = NULL;
  const GError *error;

  variete_fake_server_set_result_base_url (server, "http://example.invalid");
  variete_request_set_source_url (request, "https://example.com/sketch.png");
  g_action_group_activate_action (G_ACTION_GROUP (get_window ()), "generate", NULL);
  variete_test_spin_until (shown_job_is, GINT_TO_POINTER (VARIETE_JOB_STATE_FAILED),
                           WAIT_TIMEOUT_SECONDS);
  variete_test_spin_for (300);

  error = variete_job_get_error (shown_job ());
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE);
  g_assert_true (variete_job_get_can_retry (shown_job ()));
  g_assert_cmpuint (count_labels_with (GTK_WIDGET (get_window ()), "not the cause"), ==, 1);

  toasts = find_toasts ();
  g_assert_cmpuint (toasts->len, ==, 1);
  g_assert_cmpuint (count_labels_with (g_ptr_array_index (toasts, 0), "not the cause"), ==, 0);
  g_assert_cmpuint (count_labels_with (g_ptr_array_index (toasts, 0), "Retry"), ==, 1);

  variete_fake_server_set_result_base_url (server, NULL);
}

/* A server's list of reasons arrives with line breaks; a toast gets it on one line. */
static void
test_one_line (void)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  static const char json[] =
    "{\"message\": [\"prompt must be a string\", \"batch must not be greater than 2\"],"
    " \"statusCode\": 400, \"error\": \"Bad Request\"}";

  body = g_bytes_new_static (json, strlen (json));
  error = variete_client_error_new_from_response (400, body, NULL);
  g_assert_nonnull (strchr (error->message, '\n'));

  line = variete_error_dup_one_line (error->message);
  g_assert_null (strchr (line, '\n'));
  g_assert_nonnull (strstr (line, "request: prompt must be a string; batch must not"));

  g_clear_pointer (&line, g_free);
  line = variete_error_dup_one_line ("First.\n\n  Second\r\nthird\t!\n");
  g_assert_cmpstr (line, ==, "First. Second; third !");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp_dir = variete_test_make_tmp_dir ("variete-test-messages-XXXXXX");
  g_autofree char *data_dir = g_build_filename (tmp_dir, "data", NULL);
  g_autofree char *output_dir = g_build_filename (tmp_dir, "Pictures", NULL);
  g_autofree char *journal_dir = NULL;
  g_autofree char *journal = NULL;
  g_autoptr(VarieteClient) client = NULL;
  g_autoptr(VarieteRequest) request = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VarieteArtwork) artwork = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *started_at = g_date_time_format_iso8601 (now);
  int ret;

  /* Before anything reads them: GLib keeps the first answer. */
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("VARIETE_OUTPUT_DIR", output_dir, TRUE);
  g_setenv ("VARIETE_API_KEY", VARIETE_FAKE_SERVER_KEY, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  server = variete_test_fake_server_new ();
  variete_fake_server_set_polls_until_done (server, 1);
  g_setenv ("VARIETE_API_URL", variete_fake_server_get_base_url (server), TRUE);

  /* An artwork the server has, and the journal of a job that had not yet saved it, as a quit
   * while it ran leaves behind. */
  client = variete_test_client_new (server);
  request = variete_test_new_request ("a lighthouse at dusk");
  body = variete_request_to_json (request);
  variete_client_create_async (client, body, NULL, variete_test_store_result_cb, &result);
  variete_test_spin_until (variete_test_pointer_is_set, &result, WAIT_TIMEOUT_SECONDS);
  artwork = variete_client_create_finish (client, result, &error);
  g_assert_no_error (error);
  resumed_id = g_strdup (variete_artwork_get_id (artwork));
  journal_dir = g_build_filename (data_dir, "variete", "jobs", NULL);
  journal = variete_test_write_journal (journal_dir, resumed_id, "processing", started_at,
                                        "a lighthouse at dusk");

  app = variete_application_new ();
  variete_test_app_start (G_APPLICATION (app));
  /* As g_application_run() does: the window comes at once, before the journals are read. */
  g_application_activate (G_APPLICATION (app));
  g_assert_true (VARIETE_IS_WINDOW (get_window ()));

  g_test_add_func ("/window-messages/one-line", test_one_line);
  g_test_add_func ("/window-messages/resumed-job-shown", test_resumed_job_shown);
  g_test_add_func ("/window-messages/error-shown-once", test_error_shown_once);
  g_test_add_func ("/window-messages/retry-toast", test_retry_toast);

  ret = g_test_run ();

  variete_test_app_stop (G_APPLICATION (app));
  g_object_unref (app);
  g_clear_object (&server);
  g_clear_pointer (&resumed_id, g_free);
  g_assert_true (variete_test_rm_rf (tmp_dir));

  return ret;
}
