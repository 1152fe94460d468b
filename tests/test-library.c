/* test-library.c
 *
 * VarieteLibrary against the in-process fake server: submitting, reading jobs back from their
 * journals (resuming the unfinished ones, each result saved exactly once), deleting with and
 * without files, the retention countdown and "job-finished". Time runs at TIME_SCALE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "variete-fake-server.h"
#include "variete-library.h"
#include "variete-test-utils.h"

#define TIME_SCALE 0.01
#define WAIT_TIMEOUT_SECONDS 20
#define RESULTS_PATH "/results/"
#define DEAD_URL "http://127.0.0.1:9"

typedef struct
{
  VarieteFakeServer *server;
  VarieteClient     *client;
  char              *tmp_dir;
  char              *journal_dir;
  char              *output_dir;
} Fixture;

/* Helpers: jobs */

static gboolean
job_is_final (gpointer data)
{
  return variete_job_state_is_final (variete_job_get_state (data));
}

static gboolean
job_is_processing (gpointer data)
{
  return variete_job_get_state (data) == VARIETE_JOB_STATE_PROCESSING;
}

static void
count_finished_cb (VarieteLibrary *library,
                   VarieteJob     *job,
                   GPtrArray      *finished)
{
  g_assert_true (g_list_store_find (G_LIST_STORE (variete_library_get_jobs (library)), job, NULL));
  g_ptr_array_add (finished, g_object_ref (job));
}

/* Helpers: objects */

static VarieteLibrary *
new_library (Fixture *f)
{
  VarieteLibrary *library = variete_library_new (f->journal_dir);

  variete_library_set_client (library, f->client);
  variete_library_set_time_scale (library, TIME_SCALE);

  return library;
}

static void
load (VarieteLibrary *library,
      VarieteClient  *client,
      const char     *output_dir)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  variete_library_load_async (library, client, output_dir, NULL, variete_test_store_result_cb,
                              &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);
  g_assert_true (variete_library_load_finish (library, result, &error));
  g_assert_no_error (error);
}

static void
delete_job (VarieteLibrary *library,
            VarieteJob     *job,
            gboolean        delete_files)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  variete_library_delete_async (library, job, delete_files, NULL, variete_test_store_result_cb,
                                &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);
  g_assert_true (variete_library_delete_finish (library, result, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = variete_test_fake_server_new ();
  f->client = variete_test_client_new (f->server);

  f->tmp_dir = variete_test_make_tmp_dir ("variete-test-library-XXXXXX");
  f->journal_dir = g_build_filename (f->tmp_dir, "jobs", NULL);
  f->output_dir = g_build_filename (f->tmp_dir, "Pictures", "Variete", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  /* Let the last writes and sockets settle before the server goes. */
  variete_test_run_pending ();

  /* A job's last journal write may still hold the client for a moment, on a worker thread. */
  variete_test_unref_and_wait (&f->client, WAIT_TIMEOUT_SECONDS);
  g_assert_finalize_object (f->server);

  g_assert_true (variete_test_rm_rf (f->tmp_dir));
  g_free (f->tmp_dir);
  g_free (f->journal_dir);
  g_free (f->output_dir);
}

/* Tests */

static void
test_library_submit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a fox in the snow");
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VarieteRequest) sidecar_request = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sidecar_path = NULL;
  VarieteLibrary *library = new_library (f);
  GListModel *jobs = variete_library_get_jobs (library);
  GListModel *results;
  VarieteJob *job;
  JsonObject *sidecar;

  g_signal_connect (library, "job-finished", G_CALLBACK (count_finished_cb), finished);

  job = variete_library_submit (library, NULL, request, f->output_dir, "fox.png");
  g_object_ref (job);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 1);
  g_assert_true (g_list_model_get_item (jobs, 0) == (gpointer) job);
  g_object_unref (job);  /* the one get_item() added */
  g_assert_cmpstr (variete_job_get_source_name (job), ==, "fox.png");
  g_assert_cmpfloat (variete_job_get_time_scale (job), ==, TIME_SCALE);

  variete_test_spin_until (job_is_final, job, WAIT_TIMEOUT_SECONDS);
  g_assert_no_error (variete_job_get_error (job));
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);

  /* Two results on disk, and a sidecar whose request is the one sent. */
  results = variete_job_get_results (job);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (results, i);

      g_assert_true (g_file_query_exists (file, NULL));
      g_assert_true (variete_library_get_saved_result (job, i) == file);
      g_assert_nonnull (variete_library_get_result_url (job, i));
      g_assert_true (g_str_has_prefix (variete_library_get_result_url (job, i),
                                       variete_fake_server_get_base_url (f->server)));
    }
  g_assert_null (variete_library_get_result_url (job, 2));
  g_assert_cmpuint (variete_library_get_n_results (job), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 1);

  g_assert_nonnull (variete_job_get_sidecar_file (job));
  sidecar_path = g_file_get_path (variete_job_get_sidecar_file (job));
  json_parser_load_from_file (parser, sidecar_path, &error);
  g_assert_no_error (error);
  sidecar = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (sidecar, "artworkId"), ==,
                   variete_job_get_artwork_id (job));
  sidecar_request = variete_request_new_from_json (json_object_get_member (sidecar, "request"), &error);
  g_assert_no_error (error);
  g_assert_true (variete_request_equal (sidecar_request, request));

  /* Announced once, and not again while the loop goes on. */
  variete_test_spin_for (100);
  g_assert_cmpuint (finished->len, ==, 1);
  g_assert_true (g_ptr_array_index (finished, 0) == job);
  g_ptr_array_set_size (finished, 0);

  g_assert_finalize_object (library);
  g_assert_finalize_object (job);
}

static void
test_library_newest_first (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(VarieteRequest) first_request = variete_test_new_request ("first");
  g_autoptr(VarieteRequest) second_request = variete_test_new_request ("second");
  g_autoptr(VarieteLibrary) reloaded = NULL;
  VarieteLibrary *library = new_library (f);
  GListModel *jobs = variete_library_get_jobs (library);
  g_autoptr(VarieteJob) first = NULL;
  g_autoptr(VarieteJob) second = NULL;

  first = g_object_ref (variete_library_submit (library, NULL, first_request, f->output_dir, NULL));
  variete_test_spin_until (job_is_final, first, WAIT_TIMEOUT_SECONDS);
  variete_test_spin_for (20);
  second = g_object_ref (variete_library_submit (library, NULL, second_request, f->output_dir, NULL));
  variete_test_spin_until (job_is_final, second, WAIT_TIMEOUT_SECONDS);

  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 2);
  {
    g_autoptr(VarieteJob) top = g_list_model_get_item (jobs, 0);
    g_assert_true (top == second);
  }

  /* Read back, the order is the same. */
  reloaded = new_library (f);
  load (reloaded, NULL, NULL);
  jobs = variete_library_get_jobs (reloaded);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 2);
  {
    g_autoptr(VarieteJob) top = g_list_model_get_item (jobs, 0);
    g_autoptr(VarieteJob) bottom = g_list_model_get_item (jobs, 1);

    g_assert_cmpstr (variete_request_get_prompt (variete_job_get_request (top)), ==, "second");
    g_assert_cmpstr (variete_request_get_prompt (variete_job_get_request (bottom)), ==, "first");
  }

  /* Loading again lists nothing twice. */
  load (reloaded, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 2);

  g_assert_finalize_object (library);
}

static void
test_library_resume (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("resume me");
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VarieteClient) dead_client = variete_client_new (DEAD_URL, VARIETE_FAKE_SERVER_KEY);
  g_autofree char *artwork_id = NULL;
  VarieteLibrary *library = new_library (f);
  VarieteJob *job;
  VarieteJob *first_run;
  guint n_requests;

  /* Long enough to stop the job mid-poll, short enough to finish after the resume. */
  variete_fake_server_set_polls_until_done (f->server, 4);

  job = variete_library_submit (library, NULL, request, f->output_dir, NULL);
  first_run = job;
  g_object_add_weak_pointer (G_OBJECT (first_run), (gpointer *) &first_run);
  variete_test_spin_until (job_is_processing, job, WAIT_TIMEOUT_SECONDS);
  artwork_id = g_strdup (variete_job_get_artwork_id (job));
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 1);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 0);

  /* As if the app quit: no cancel, the job just goes away with its library. */
  g_assert_finalize_object (library);
  variete_test_spin_until (variete_test_pointer_is_null, &first_run, WAIT_TIMEOUT_SECONDS);

  library = new_library (f);
  g_signal_connect (library, "job-finished", G_CALLBACK (count_finished_cb), finished);
  load (library, NULL, f->output_dir);
  g_assert_cmpuint (g_list_model_get_n_items (variete_library_get_jobs (library)), ==, 1);
  job = g_list_model_get_item (variete_library_get_jobs (library), 0);
  g_object_unref (job);
  g_assert_cmpstr (variete_job_get_artwork_id (job), ==, artwork_id);
  g_assert_cmpstr (variete_request_get_prompt (variete_job_get_request (job)), ==, "resume me");
  g_assert_false (variete_job_state_is_final (variete_job_get_state (job)));

  variete_test_spin_until (job_is_final, job, WAIT_TIMEOUT_SECONDS);
  g_assert_no_error (variete_job_get_error (job));
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (finished->len, ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);

  /* Each result saved exactly once. */
  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, "GET", RESULTS_PATH), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".json"), ==, 1);
  g_ptr_array_set_size (finished, 0);
  g_assert_finalize_object (library);

  /* Read back once more, the finished job is only listed: no request, even to a dead server. */
  n_requests = variete_fake_server_get_n_requests (f->server, NULL, NULL);
  library = variete_library_new (f->journal_dir);
  variete_library_set_time_scale (library, TIME_SCALE);
  g_signal_connect (library, "job-finished", G_CALLBACK (count_finished_cb), finished);
  load (library, dead_client, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (variete_library_get_jobs (library)), ==, 1);
  job = g_list_model_get_item (variete_library_get_jobs (library), 0);
  g_object_unref (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);
  g_assert_true (variete_job_get_client (job) == dead_client);
  g_assert_cmpuint (g_list_model_get_n_items (variete_job_get_results (job)), ==, 2);
  g_assert_nonnull (variete_library_get_result_url (job, 1));
  variete_test_spin_for (100);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (variete_fake_server_get_n_requests (f->server, NULL, NULL), ==, n_requests);
  g_assert_cmpuint (finished->len, ==, 0);
  g_assert_finalize_object (library);
}

/* The jobs may also be made on the caller's thread, when it runs its own main context. */
static void
test_library_load_thread_default (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("listed");
  g_autoptr(VarieteClient) dead_client = variete_client_new (DEAD_URL, VARIETE_FAKE_SERVER_KEY);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VarieteLibrary *library = new_library (f);
  GMainContext *context;
  VarieteJob *job;

  job = variete_library_submit (library, NULL, request, f->output_dir, NULL);
  variete_test_spin_until (job_is_final, job, WAIT_TIMEOUT_SECONDS);
  g_assert_finalize_object (library);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  library = variete_library_new (f->journal_dir);
  variete_library_load_async (library, dead_client, NULL, NULL, variete_test_store_result_cb,
                              &result);
  variete_test_wait_for_result (&result, WAIT_TIMEOUT_SECONDS);
  g_assert_true (variete_library_load_finish (library, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (variete_library_get_jobs (library)), ==, 1);
  g_clear_object (&result);
  g_assert_finalize_object (library);

  g_main_context_pop_thread_default (context);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_unref (context);
}

static void
test_library_load_empty (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *broken = NULL;
  VarieteLibrary *library = new_library (f);

  /* No folder at all. */
  load (library, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (variete_library_get_jobs (library)), ==, 0);

  /* A journal that cannot be read is skipped. */
  g_assert_cmpint (g_mkdir_with_parents (f->journal_dir, 0700), ==, 0);
  broken = g_build_filename (f->journal_dir, "broken.json", NULL);
  g_assert_true (g_file_set_contents (broken, "{ not json", -1, NULL));
  load (library, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (variete_library_get_jobs (library)), ==, 0);

  g_assert_finalize_object (library);
}

static void
test_library_delete (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("delete me");
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  VarieteLibrary *library = new_library (f);
  GListModel *jobs = variete_library_get_jobs (library);
  g_autoptr(VarieteJob) kept_files = NULL;
  g_autoptr(VarieteJob) no_files = NULL;
  g_autoptr(GFile) sidecar = NULL;

  g_signal_connect (library, "job-finished", G_CALLBACK (count_finished_cb), finished);

  /* Without files: the journal goes, the images stay. */
  kept_files = g_object_ref (variete_library_submit (library, NULL, request, f->output_dir, NULL));
  variete_test_spin_until (job_is_final, kept_files, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 1);
  delete_job (library, kept_files, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 0);
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 0);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".json"), ==, 1);

  /* With files: the journal, both images and the sidecar go; the other job's stay. */
  no_files = g_object_ref (variete_library_submit (library, NULL, request, f->output_dir, NULL));
  variete_test_spin_until (job_is_final, no_files, WAIT_TIMEOUT_SECONDS);
  sidecar = g_object_ref (variete_job_get_sidecar_file (no_files));
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 4);
  delete_job (library, no_files, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (jobs), ==, 0);
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 0);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 2);
  g_assert_false (g_file_query_exists (sidecar, NULL));
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".json"), ==, 1);

  g_assert_cmpuint (finished->len, ==, 2);
  g_ptr_array_set_size (finished, 0);
  g_assert_finalize_object (library);
}

/* A running job is cancelled first, and its journal, written as it stops, is still deleted. */
static void
test_library_delete_running (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("stop me");
  g_autoptr(GPtrArray) finished = g_ptr_array_new_with_free_func (g_object_unref);
  VarieteLibrary *library = new_library (f);
  g_autoptr(VarieteJob) sending = NULL;
  g_autoptr(VarieteJob) polling = NULL;

  variete_fake_server_set_polls_until_done (f->server, 1000);
  g_signal_connect (library, "job-finished", G_CALLBACK (count_finished_cb), finished);

  /* Deleted while the create is under way: the create still gets its answer and the job
   * records it; the deletion waits for that. */
  sending = g_object_ref (variete_library_submit (library, NULL, request, f->output_dir, NULL));
  g_assert_cmpint (variete_job_get_state (sending), ==, VARIETE_JOB_STATE_SUBMITTING);
  delete_job (library, sending, TRUE);
  g_assert_cmpint (variete_job_get_state (sending), ==, VARIETE_JOB_STATE_ABANDONED);
  variete_test_spin_for (100);
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 0);

  /* Deleted mid-poll. */
  polling = g_object_ref (variete_library_submit (library, NULL, request, f->output_dir, NULL));
  variete_test_spin_until (job_is_processing, polling, WAIT_TIMEOUT_SECONDS);
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 1);
  delete_job (library, polling, TRUE);
  variete_test_spin_for (100);
  g_assert_cmpint (variete_job_get_state (polling), ==, VARIETE_JOB_STATE_ABANDONED);
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (variete_library_get_jobs (library)), ==, 0);

  /* Deleted jobs do not announce that they stopped. */
  g_assert_cmpuint (finished->len, ==, 0);
  g_assert_finalize_object (library);
}

static GFile *
write_journal (Fixture    *f,
               const char *id,
               const char *state,
               const char *server_created_at)
{
  g_autofree char *path = variete_test_write_journal (f->journal_dir, id, state,
                                                      server_created_at, "old");

  return g_file_new_for_path (path);
}

static void
test_library_days_left (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) created = g_date_time_new (utc, 2024, 7, 29, 15, 51, 28);
  g_autoptr(GFile) file = write_journal (f, "days-left", "succeeded", "2024-07-29T15:51:28Z");
  g_autoptr(GFile) expired_file = write_journal (f, "expired", "expired", "2024-07-29T15:51:28Z");
  g_autoptr(VarieteJob) job = NULL;
  g_autoptr(VarieteJob) expired = NULL;
  g_autoptr(GError) error = NULL;
  struct { GTimeSpan after; int days; } cases[] = {
    { 0, 8 },
    { G_TIME_SPAN_MINUTE, 8 },
    { G_TIME_SPAN_DAY, 7 },
    { 3 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR, 5 },
    { 7 * G_TIME_SPAN_DAY + 23 * G_TIME_SPAN_HOUR, 1 },
    { 8 * G_TIME_SPAN_DAY, 0 },
    { 9 * G_TIME_SPAN_DAY, 0 },
    { -G_TIME_SPAN_DAY, 9 },
  };

  job = variete_job_new_from_journal (f->client, file, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_add (created, cases[i].after);

      g_assert_cmpint (variete_library_days_left (job, now), ==, cases[i].days);
    }

  {
    g_autoptr(GDateTime) created_at = variete_library_dup_created_at (job);
    g_assert_true (g_date_time_equal (created_at, created));
  }

  /* The server already said it forgot the artwork. */
  expired = variete_job_new_from_journal (f->client, expired_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_library_days_left (expired, created), ==, 0);

  /* A job made now has the whole retention ahead. */
  {
    g_autoptr(VarieteRequest) request = variete_test_new_request ("new");
    g_autoptr(VarieteJob) fresh = variete_job_new (f->client, request, f->journal_dir, f->output_dir);

    g_assert_cmpint (variete_library_days_left (fresh, NULL), ==, VARIETE_LIBRARY_RETENTION_DAYS);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/library/submit", Fixture, NULL, fixture_set_up, test_library_submit, fixture_tear_down);
  g_test_add ("/library/newest-first", Fixture, NULL, fixture_set_up, test_library_newest_first, fixture_tear_down);
  g_test_add ("/library/resume", Fixture, NULL, fixture_set_up, test_library_resume, fixture_tear_down);
  g_test_add ("/library/load-thread-default", Fixture, NULL, fixture_set_up, test_library_load_thread_default, fixture_tear_down);
  g_test_add ("/library/load-empty", Fixture, NULL, fixture_set_up, test_library_load_empty, fixture_tear_down);
  g_test_add ("/library/delete", Fixture, NULL, fixture_set_up, test_library_delete, fixture_tear_down);
  g_test_add ("/library/delete-running", Fixture, NULL, fixture_set_up, test_library_delete_running, fixture_tear_down);
  g_test_add ("/library/days-left", Fixture, NULL, fixture_set_up, test_library_days_left, fixture_tear_down);

  return g_test_run ();
}
