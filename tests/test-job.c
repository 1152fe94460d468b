/* test-job.c
 *
 * VarieteJob against the in-process fake server: the happy path, every fault on the poll, the
 * download and the create, every error class, cancel, resume and the journal. Time runs at
 * TIME_SCALE (a 2 s poll takes 20 ms), so the whole file runs in a few seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "variete-fake-server.h"
#include "variete-job.h"
#include "variete-test-utils.h"

#define TIME_SCALE 0.01
#define WAIT_TIMEOUT_SECONDS 20
#define CREATE_PATH "/v2/artworks/selena-variete"
#define ARTWORK_PATH "/v2/artworks/"
#define RESULTS_PATH "/results/"
#define WRONG_KEY "wrong-key-0123"

typedef struct
{
  VarieteFakeServer *server;
  VarieteClient     *client;
  char              *tmp_dir;
  char              *journal_dir;
  char              *output_dir;
} Fixture;

/* What a test saw of a job while it ran. */
typedef struct
{
  Fixture   *f;
  GArray    *states;
  GPtrArray *waiting_errors;     /* GError, one per WAITING */
  GArray    *saved_indexes;
  gboolean   first_queue_seen;
  gboolean   journal_at_first_queue;
  guint      gets_at_first_queue;
  gboolean   get_before_journal;
  guint      watch_id;
  VarieteJob *job;
} Watch;

/* Helpers: files */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names);

  return g_steal_pointer (&names);
}

static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;

  return FALSE;
}

/* Reads every file under @path: none may hold a key. */
static void
assert_no_key_under (const char *path)
{
  g_autoptr(GPtrArray) names = list_dir (path);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          assert_no_key_under (child);
          continue;
        }

      g_assert_true (g_file_get_contents (child, &contents, &length, NULL));
      if (contains (contents, length, VARIETE_FAKE_SERVER_KEY) ||
          contains (contents, length, WRONG_KEY))
        g_error ("%s holds an API key", child);
    }
}

static JsonNode *
load_json (GFile *file)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_ref (json_parser_get_root (parser));
}

static void
save_json (GFile    *file,
           JsonNode *root)
{
  g_autofree char *text = json_to_string (root, TRUE);
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Helpers: the main loop */

static void
run_until (VarieteTestPredicate  condition,
           gpointer              data,
           const char           *what)
{
  if (!variete_test_wait_for (condition, data, WAIT_TIMEOUT_SECONDS))
    g_error ("Timed out waiting for %s", what);
}

static gboolean
job_is_final (gpointer data)
{
  return variete_job_state_is_final (variete_job_get_state (data));
}

static gboolean
job_is_idle (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

static void
run_until_final (VarieteJob *job)
{
  run_until (job_is_final, job, "the job to stop");
}

/* Waits for the writes that outlive a state change (the journal), then checks for leaks. */
static void
finalize_job (VarieteJob *job)
{
  run_until (job_is_idle, job, "the job's last reference");
  g_assert_finalize_object (job);
}

/* Helpers: server log */

static guint
n_posts (Fixture *f)
{
  return variete_fake_server_get_n_requests (f->server, "POST", CREATE_PATH);
}

static guint
n_polls (Fixture *f)
{
  return variete_fake_server_get_n_requests (f->server, "GET", ARTWORK_PATH);
}

static guint
n_downloads (Fixture *f)
{
  return variete_fake_server_get_n_requests (f->server, "GET", RESULTS_PATH);
}

static guint
n_requests (Fixture *f)
{
  return variete_fake_server_get_n_requests (f->server, NULL, NULL);
}

/* Helpers: jobs */

static VarieteJob *
new_job_for (Fixture        *f,
             VarieteClient  *client,
             VarieteRequest *request)
{
  VarieteJob *job = variete_job_new (client, request, f->journal_dir, f->output_dir);

  variete_job_set_time_scale (job, TIME_SCALE);

  return job;
}

static VarieteJob *
new_job (Fixture *f)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");

  return new_job_for (f, f->client, request);
}

static gboolean
watch_tick_cb (gpointer data)
{
  Watch *watch = data;
  GFile *journal = variete_job_get_journal_file (watch->job);

  /* Checked every millisecond: no poll may reach the server before the journal exists. */
  if (n_polls (watch->f) > 0 && (journal == NULL || !g_file_query_exists (journal, NULL)))
    watch->get_before_journal = TRUE;

  return G_SOURCE_CONTINUE;
}

static void
state_changed_cb (VarieteJob *job,
                  GParamSpec *pspec,
                  Watch      *watch)
{
  VarieteJobState state = variete_job_get_state (job);

  g_array_append_val (watch->states, state);

  if (state == VARIETE_JOB_STATE_WAITING)
    {
      g_assert_nonnull (variete_job_get_error (job));
      g_assert_cmpint (variete_job_get_next_request_at (job), >, 0);
    }

  if ((state == VARIETE_JOB_STATE_QUEUED || state == VARIETE_JOB_STATE_PROCESSING) &&
      !watch->first_queue_seen)
    {
      GFile *journal = variete_job_get_journal_file (job);

      watch->first_queue_seen = TRUE;
      watch->journal_at_first_queue = journal != NULL && g_file_query_exists (journal, NULL);
      watch->gets_at_first_queue = n_polls (watch->f);
    }
}

/* The state stays WAITING from one failed try to the next; the error changes each time. */
static void
error_changed_cb (VarieteJob *job,
                  GParamSpec *pspec,
                  Watch      *watch)
{
  const GError *error = variete_job_get_error (job);

  /* A success clears the error before the state moves on. */
  if (error != NULL && variete_job_get_state (job) == VARIETE_JOB_STATE_WAITING)
    {
      g_assert_cmpint (variete_job_get_next_request_at (job), >, 0);
      g_ptr_array_add (watch->waiting_errors, g_error_copy (error));
    }
}

static void
result_saved_cb (VarieteJob *job,
                 guint       index,
                 GFile      *file,
                 Watch      *watch)
{
  g_assert_true (g_file_query_exists (file, NULL));
  g_array_append_val (watch->saved_indexes, index);
}

static void
watch_start (Watch      *watch,
             Fixture    *f,
             VarieteJob *job)
{
  memset (watch, 0, sizeof *watch);
  watch->f = f;
  watch->job = job;
  watch->states = g_array_new (FALSE, FALSE, sizeof (VarieteJobState));
  watch->waiting_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  watch->saved_indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  watch->watch_id = g_timeout_add (1, watch_tick_cb, watch);

  g_signal_connect (job, "notify::state", G_CALLBACK (state_changed_cb), watch);
  g_signal_connect (job, "notify::error", G_CALLBACK (error_changed_cb), watch);
  g_signal_connect (job, "result-saved", G_CALLBACK (result_saved_cb), watch);
}

static void
watch_stop (Watch *watch)
{
  g_clear_handle_id (&watch->watch_id, g_source_remove);
  if (watch->job != NULL)
    g_signal_handlers_disconnect_by_data (watch->job, watch);
  g_clear_pointer (&watch->states, g_array_unref);
  g_clear_pointer (&watch->waiting_errors, g_ptr_array_unref);
  g_clear_pointer (&watch->saved_indexes, g_array_unref);
}

static const GError *
waiting_error (Watch *watch,
               guint  i)
{
  return g_ptr_array_index (watch->waiting_errors, i);
}

static gboolean
watch_saw (Watch           *watch,
           VarieteJobState  state)
{
  for (guint i = 0; i < watch->states->len; i++)
    if (g_array_index (watch->states, VarieteJobState, i) == state)
      return TRUE;

  return FALSE;
}

static void
assert_succeeded_with_two_results (Fixture    *f,
                                   VarieteJob *job)
{
  GListModel *results = variete_job_get_results (job);
  const GError *error = variete_job_get_error (job);

  if (variete_job_get_state (job) != VARIETE_JOB_STATE_SUCCEEDED)
    g_error ("The job is %s: %s", variete_job_state_to_string (variete_job_get_state (job)),
             error ? error->message : "no error");

  g_assert_null (error);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".json"), ==, 1);
  g_assert_nonnull (variete_job_get_sidecar_file (job));
  g_assert_true (g_file_query_exists (variete_job_get_sidecar_file (job), NULL));
}

static char *
expected_stem (VarieteJob *job)
{
  VarieteArtwork *artwork = variete_job_get_artwork (job);
  g_autoptr(GDateTime) local = g_date_time_to_local (variete_artwork_get_created_at (artwork));
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");
  g_autofree char *short_id = g_strndup (variete_job_get_artwork_id (job), 8);

  return g_strdup_printf ("%s-%s", date, short_id);
}

static GFile *
journal_of (VarieteJob *job)
{
  return g_object_ref (variete_job_get_journal_file (job));
}

static const char *
journal_state (GFile *journal)
{
  static char state[32];
  g_autoptr(JsonNode) root = load_json (journal);

  g_strlcpy (state, json_object_get_string_member (json_node_get_object (root), "state"),
             sizeof state);

  return state;
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = variete_test_fake_server_new ();
  variete_fake_server_set_slow_delay_ms (f->server, 100);

  f->client = variete_test_client_new (f->server);
  variete_client_set_timeout (f->client, 10);

  f->tmp_dir = variete_test_make_tmp_dir ("variete-test-job-XXXXXX");
  f->journal_dir = g_build_filename (f->tmp_dir, "jobs", NULL);
  f->output_dir = g_build_filename (f->tmp_dir, "Pictures", "Variete", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  assert_no_key_under (f->tmp_dir);
  g_assert_true (variete_test_rm_rf (f->tmp_dir));

  g_clear_pointer (&f->tmp_dir, g_free);
  g_clear_pointer (&f->journal_dir, g_free);
  g_clear_pointer (&f->output_dir, g_free);

  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->server);
}

/* Tests */

static void
test_state_strings (void)
{
  for (guint i = VARIETE_JOB_STATE_NEW; i <= VARIETE_JOB_STATE_EXPIRED; i++)
    g_assert_cmpint (variete_job_state_from_string (variete_job_state_to_string (i)), ==, i);

  g_assert_cmpstr (variete_job_state_to_string (VARIETE_JOB_STATE_WAITING), ==, "waiting");
  g_assert_cmpstr (variete_job_state_to_string (VARIETE_JOB_STATE_EXPIRED), ==, "expired");
  g_assert_cmpint (variete_job_state_from_string ("nonsense"), ==, VARIETE_JOB_STATE_NEW);
  g_assert_true (variete_job_state_is_final (VARIETE_JOB_STATE_ABANDONED));
  g_assert_false (variete_job_state_is_final (VARIETE_JOB_STATE_WAITING));
}

static void
test_happy_path (Fixture       *f,
                 gconstpointer  data)
{
  static const VarieteJobState expected_states[] = {
    VARIETE_JOB_STATE_SUBMITTING, VARIETE_JOB_STATE_QUEUED, VARIETE_JOB_STATE_PROCESSING,
    VARIETE_JOB_STATE_DOWNLOADING, VARIETE_JOB_STATE_SAVING,
    VARIETE_JOB_STATE_DOWNLOADING, VARIETE_JOB_STATE_SAVING,
    VARIETE_JOB_STATE_SUCCEEDED,
  };
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");
  g_autoptr(JsonNode) sidecar = NULL;
  g_autoptr(JsonNode) journal = NULL;
  g_autoptr(JsonNode) sent = NULL;
  g_autofree char *data_url = variete_test_png_data_url (16, 16, FALSE, 0x336699ff);
  g_autofree char *stem = NULL;
  VarieteArtwork *artwork;
  JsonObject *object, *sidecar_request, *sent_request;
  JsonArray *results;
  GListModel *files;
  VarieteJob *job;
  Watch watch;

  variete_request_set_source_url (request, data_url);
  job = new_job_for (f, f->client, request);
  variete_job_set_source_name (job, "sketch.png");
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_NEW);
  g_assert_nonnull (variete_job_get_started_at (job));
  g_assert_null (variete_job_get_journal_file (job));

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);

  /* Every state, in order, once each. */
  g_assert_cmpuint (watch.states->len, ==, G_N_ELEMENTS (expected_states));
  for (guint i = 0; i < G_N_ELEMENTS (expected_states); i++)
    g_assert_cmpint (g_array_index (watch.states, VarieteJobState, i), ==, expected_states[i]);

  /* The journal was on disk before the first poll reached the server. */
  g_assert_true (watch.first_queue_seen);
  g_assert_true (watch.journal_at_first_queue);
  g_assert_cmpuint (watch.gets_at_first_queue, ==, 0);
  g_assert_false (watch.get_before_journal);

  /* One create, two polls (processing, succeeded), two downloads. */
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
  g_assert_cmpuint (n_polls (f), ==, 2);
  g_assert_cmpuint (n_downloads (f), ==, 2);

  /* "result-saved" once per result, in order. */
  g_assert_cmpuint (watch.saved_indexes->len, ==, 2);
  g_assert_cmpuint (g_array_index (watch.saved_indexes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (watch.saved_indexes, guint, 1), ==, 1);

  /* Names: <date>-<short id>-<n>.png, and <date>-<short id>.json. */
  artwork = variete_job_get_artwork (job);
  g_assert_nonnull (artwork);
  g_assert_cmpint (variete_artwork_get_status (artwork), ==, VARIETE_ARTWORK_STATUS_SUCCEEDED);
  stem = expected_stem (job);
  files = variete_job_get_results (job);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *expected = g_strdup_printf ("%s-%u.png", stem, i + 1);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_cmpstr (basename, ==, expected);
      g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, NULL));
      g_assert_cmpuint (length, >, 8);
      g_assert_cmpint (memcmp (contents, "\x89PNG", 4), ==, 0);
    }

  /* The sidecar: the request as sent, but with a note for the local source. */
  sidecar = load_json (variete_job_get_sidecar_file (job));
  {
    g_autofree char *basename = g_file_get_basename (variete_job_get_sidecar_file (job));
    g_autofree char *expected = g_strdup_printf ("%s.json", stem);

    g_assert_cmpstr (basename, ==, expected);
  }
  object = json_node_get_object (sidecar);
  g_assert_cmpstr (json_object_get_string_member (object, "artworkId"), ==,
                   variete_job_get_artwork_id (job));
  g_assert_true (json_object_has_member (object, "createdAt"));
  g_assert_true (json_object_has_member (object, "duration"));
  g_assert_cmpstr (json_object_get_string_member (object, "sourceName"), ==, "sketch.png");

  sent = json_node_copy (variete_fake_server_get_last_create_body (f->server));
  sent_request = json_node_get_object (sent);
  sidecar_request = json_object_get_object_member (object, "request");
  g_assert_cmpstr (json_object_get_string_member (sent_request, "imageUrl"), ==, data_url);
  g_assert_cmpstr (json_object_get_string_member (sidecar_request, "imageUrl"), ==,
                   "local image: sketch.png");
  json_object_remove_member (sent_request, "imageUrl");
  json_object_remove_member (sidecar_request, "imageUrl");
  g_assert_true (json_node_equal (json_object_get_member (object, "request"), sent));

  results = json_object_get_array_member (object, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *entry = json_array_get_object_element (results, i);
      g_autofree char *expected = g_strdup_printf ("%s-%u.png", stem, i + 1);

      g_assert_cmpstr (json_object_get_string_member (entry, "file"), ==, expected);
      g_assert_cmpstr (json_object_get_string_member (entry, "url"), ==,
                       variete_artwork_get_results (artwork)[i]);
    }

  /* The journal says it is over. It names the local source but does not hold its data: the
   * server has the artwork, a resume never sends the source again, and 200 records of inlined
   * images would be what the history holds in memory. */
  journal = load_json (variete_job_get_journal_file (job));
  object = json_node_get_object (journal);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "succeeded");
  g_assert_cmpstr (json_object_get_string_member (object, "artworkId"), ==,
                   variete_job_get_artwork_id (job));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "saved")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "request"),
                                                  "imageUrl"), ==, "local image: sketch.png");

  watch_stop (&watch);
  finalize_job (job);
}

typedef struct
{
  const char       *name;
  VarieteFakeFault  fault;
  int               waiting_code;   /* VARIETE_CLIENT_ERROR code seen while WAITING, -1: any */
} FaultCase;

static const FaultCase transfer_faults[] = {
  { "rate-limit", VARIETE_FAKE_FAULT_RATE_LIMIT, VARIETE_CLIENT_ERROR_RATE_LIMITED },
  { "rate-limit-date", VARIETE_FAKE_FAULT_RATE_LIMIT_DATE, VARIETE_CLIENT_ERROR_RATE_LIMITED },
  { "server-error", VARIETE_FAKE_FAULT_SERVER_ERROR, VARIETE_CLIENT_ERROR_SERVER },
  { "bad-gateway", VARIETE_FAKE_FAULT_BAD_GATEWAY, VARIETE_CLIENT_ERROR_SERVER },
  { "unavailable", VARIETE_FAKE_FAULT_UNAVAILABLE, VARIETE_CLIENT_ERROR_SERVER },
  { "malformed-json", VARIETE_FAKE_FAULT_MALFORMED_JSON, VARIETE_CLIENT_ERROR_PROTOCOL },
  { "truncated-body", VARIETE_FAKE_FAULT_TRUNCATED_BODY, -1 },
  { "connection-reset", VARIETE_FAKE_FAULT_CONNECTION_RESET, -1 },
  { "slow", VARIETE_FAKE_FAULT_SLOW, -1 },
  { "download-fails", VARIETE_FAKE_FAULT_DOWNLOAD_FAILS, VARIETE_CLIENT_ERROR_SERVER },
};

static void
run_transfer_fault (Fixture         *f,
                    const FaultCase *fault,
                    const char      *prefix)
{
  VarieteJob *job = new_job (f);
  Watch watch;

  variete_fake_server_inject_fault (f->server, prefix, fault->fault, 2);

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (watch.saved_indexes->len, ==, 2);
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
  g_assert_false (watch.get_before_journal);

  /* Every fault that leaves an answer makes the job wait, saying why. */
  if (fault->waiting_code >= 0)
    {
      g_assert_true (watch_saw (&watch, VARIETE_JOB_STATE_WAITING));
      g_assert_cmpuint (watch.waiting_errors->len, >=, 1);
      g_assert_error (waiting_error (&watch, 0),
                      VARIETE_CLIENT_ERROR, fault->waiting_code);
    }

  if (fault->fault == VARIETE_FAKE_FAULT_SLOW)
    g_assert_false (watch_saw (&watch, VARIETE_JOB_STATE_WAITING));

  watch_stop (&watch);
  finalize_job (job);
}

static void
test_poll_fault (Fixture       *f,
                 gconstpointer  data)
{
  const FaultCase *fault = data;

  run_transfer_fault (f, fault, "GET " ARTWORK_PATH);
  g_assert_cmpuint (n_downloads (f), ==, 2);
}

static void
test_download_fault (Fixture       *f,
                     gconstpointer  data)
{
  const FaultCase *fault = data;

  run_transfer_fault (f, fault, "GET " RESULTS_PATH);
  g_assert_cmpuint (n_polls (f), ==, 2);
}

/* A create the server certainly did not take is sent again on its own. */
static void
test_create_rate_limited (Fixture       *f,
                          gconstpointer  data)
{
  const FaultCase *fault = data;
  VarieteJob *job = new_job (f);
  Watch watch;

  variete_fake_server_inject_fault (f->server, "POST " CREATE_PATH, fault->fault, 1);

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (n_posts (f), ==, 2);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
  g_assert_true (watch_saw (&watch, VARIETE_JOB_STATE_WAITING));
  g_assert_error (waiting_error (&watch, 0),
                  VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_RATE_LIMITED);

  watch_stop (&watch);
  finalize_job (job);
}

static void
test_create_slow (Fixture       *f,
                  gconstpointer  data)
{
  VarieteJob *job = new_job (f);

  variete_fake_server_inject_fault (f->server, "POST " CREATE_PATH, VARIETE_FAKE_FAULT_SLOW, 1);
  variete_job_start (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);

  finalize_job (job);
}

static const FaultCase uncertain_create_faults[] = {
  { "server-error", VARIETE_FAKE_FAULT_SERVER_ERROR, -1 },
  { "bad-gateway", VARIETE_FAKE_FAULT_BAD_GATEWAY, -1 },
  { "unavailable", VARIETE_FAKE_FAULT_UNAVAILABLE, -1 },
  { "malformed-json", VARIETE_FAKE_FAULT_MALFORMED_JSON, -1 },
  { "truncated-body", VARIETE_FAKE_FAULT_TRUNCATED_BODY, -1 },
  { "connection-reset", VARIETE_FAKE_FAULT_CONNECTION_RESET, -1 },
};

/* The server took the create but its answer was lost: never sent again without the artist. */
static void
test_create_uncertain (Fixture       *f,
                       gconstpointer  data)
{
  const FaultCase *fault = data;
  VarieteJob *job = new_job (f);
  const GError *error;
  Watch watch;

  variete_fake_server_inject_fault (f->server, "POST " CREATE_PATH, fault->fault, 1);

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  error = variete_job_get_error (job);
  g_assert_error (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_CREATE_UNCERTAIN);
  g_assert_nonnull (strstr (error->message, "credits"));
  g_assert_true (variete_job_get_can_retry (job));
  g_assert_null (variete_job_get_artwork_id (job));
  g_assert_false (watch_saw (&watch, VARIETE_JOB_STATE_WAITING));

  /* One POST, which the server took, and nothing more, however long we wait. */
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
  variete_test_spin_for (100);
  g_assert_cmpuint (n_requests (f), ==, 1);
  g_assert_cmpuint (variete_test_count_files (f->journal_dir, ".json"), ==, 0);

  /* The artist chose Retry: only now is it sent again. */
  variete_job_retry (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUBMITTING);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (n_posts (f), ==, 2);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 2);

  watch_stop (&watch);
  finalize_job (job);
}

static gboolean
saw_two_waits (gpointer data)
{
  Watch *watch = data;

  return watch->waiting_errors->len >= 2;
}

/* Connection refused: certainly not sent, so re-sent automatically until the budget runs out. */
static void
test_create_not_sent (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(VarieteFakeServer) gone = variete_fake_server_new (NULL);
  g_autofree char *url = g_strdup (variete_fake_server_get_base_url (gone));
  g_autoptr(VarieteClient) client = NULL;
  VarieteJob *job;
  const GError *error;
  Watch watch;

  g_assert_finalize_object (g_steal_pointer (&gone));
  client = variete_client_new (url, VARIETE_FAKE_SERVER_KEY);
  {
    g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");

    job = new_job_for (f, client, request);
  }
  variete_job_set_retry_budget (job, 30);  /* 0.3 s at TIME_SCALE */

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  error = variete_job_get_error (job);
  g_assert_error (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_GAVE_UP);
  g_assert_true (variete_job_get_can_retry (job));
  g_assert_cmpuint (watch.waiting_errors->len, >=, 2);
  for (guint i = 0; i < watch.waiting_errors->len; i++)
    g_assert_error (waiting_error (&watch, i),
                    VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_NOT_SENT);
  g_assert_null (variete_job_get_artwork_id (job));
  g_assert_cmpuint (n_requests (f), ==, 0);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);

  watch_stop (&watch);
  finalize_job (job);
  g_assert_finalize_object (g_steal_pointer (&client));
}

/* Connection refused, then the server comes up: the create goes through once. */
static void
test_create_not_sent_then_up (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(VarieteFakeServer) server = variete_fake_server_new (NULL);
  g_autofree char *url = g_strdup (variete_fake_server_get_base_url (server));
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(VarieteClient) client = NULL;
  g_autoptr(GError) error = NULL;
  VarieteJob *job;
  Watch watch;

  g_assert_finalize_object (g_steal_pointer (&server));
  client = variete_client_new (url, VARIETE_FAKE_SERVER_KEY);
  {
    g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");

    job = new_job_for (f, client, request);
  }

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until (saw_two_waits, &watch, "two refused creates");

  server = variete_fake_server_new_on_port (g_uri_get_port (uri), &error);
  g_assert_no_error (error);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (variete_fake_server_get_n_requests (server, "POST", CREATE_PATH), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (server), ==, 1);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 2);

  watch_stop (&watch);
  finalize_job (job);
  g_assert_finalize_object (g_steal_pointer (&client));
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_bad_request (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");
  const GError *error;
  VarieteJob *job;
  Watch watch;

  /* Invalid, and sent anyway: the server is the judge. */
  variete_request_set_style (request, "bogus");
  variete_request_set_batch (request, 7);
  job = new_job_for (f, f->client, request);

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  error = variete_job_get_error (job);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "style"));
  g_assert_nonnull (strstr (error->message, "batch"));
  g_assert_false (variete_job_get_can_retry (job));
  g_assert_false (watch_saw (&watch, VARIETE_JOB_STATE_WAITING));
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);

  watch_stop (&watch);
  finalize_job (job);
}

static void
test_unauthorized (Fixture       *f,
                   gconstpointer  data)
{
  const char *url = variete_fake_server_get_base_url (f->server);
  g_autoptr(VarieteClient) client = variete_client_new (url, WRONG_KEY);
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");
  VarieteJob *job = new_job_for (f, client, request);

  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  g_assert_error (variete_job_get_error (job), VARIETE_CLIENT_ERROR,
                  VARIETE_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_true (variete_job_get_can_retry (job));
  g_assert_cmpuint (n_posts (f), ==, 1);

  /* The artist fixes the key in Preferences and retries. */
  variete_client_set_api_key (client, VARIETE_FAKE_SERVER_KEY);
  variete_job_retry (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (n_posts (f), ==, 2);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);

  finalize_job (job);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  const char *url = variete_fake_server_get_base_url (f->server);
  g_autoptr(VarieteClient) client = variete_client_new (url, VARIETE_FAKE_SERVER_KEY_NO_SCOPE);
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");
  VarieteJob *job = new_job_for (f, client, request);

  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  g_assert_error (variete_job_get_error (job), VARIETE_CLIENT_ERROR,
                  VARIETE_CLIENT_ERROR_FORBIDDEN);
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);

  finalize_job (job);
  g_assert_finalize_object (g_steal_pointer (&client));
}

static void
test_server_final_status (Fixture       *f,
                          gconstpointer  data)
{
  const char *status = data;
  g_autoptr(GFile) journal = NULL;
  VarieteJob *job = new_job (f);
  const GError *error;
  int expected_code = g_str_equal (status, "failed") ? VARIETE_JOB_ERROR_SERVER_FAILED
                                                     : VARIETE_JOB_ERROR_SERVER_CANCELED;

  variete_fake_server_set_final_status (f->server, status);
  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  error = variete_job_get_error (job);
  g_assert_error (error, VARIETE_JOB_ERROR, expected_code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_false (variete_job_get_can_retry (job));
  g_assert_cmpuint (n_downloads (f), ==, 0);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ""), ==, 0);

  journal = journal_of (job);
  finalize_job (job);
  g_assert_cmpstr (journal_state (journal), ==, "failed");

  /* Read back: failed, with the same error, and no request. */
  job = variete_job_new_from_journal (f->client, journal, f->output_dir, NULL);
  g_assert_nonnull (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  g_assert_error (variete_job_get_error (job), VARIETE_JOB_ERROR, expected_code);
  g_assert_finalize_object (job);
}

static gboolean
job_is_processing (gpointer data)
{
  return variete_job_get_state (data) == VARIETE_JOB_STATE_PROCESSING;
}

static void
test_expired (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) journal = NULL;
  VarieteJob *job = new_job (f);

  variete_fake_server_set_polls_until_done (f->server, 1000);
  variete_job_start (job);
  run_until (job_is_processing, job, "processing");

  variete_fake_server_expire (f->server, variete_job_get_artwork_id (job));
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_EXPIRED);
  g_assert_error (variete_job_get_error (job), VARIETE_CLIENT_ERROR,
                  VARIETE_CLIENT_ERROR_NOT_FOUND);
  g_assert_false (variete_job_get_can_retry (job));

  journal = journal_of (job);
  finalize_job (job);
  g_assert_cmpstr (journal_state (journal), ==, "expired");
}

static void
downloading_cb (VarieteJob        *job,
                GParamSpec        *pspec,
                VarieteFakeServer *server)
{
  if (variete_job_get_state (job) == VARIETE_JOB_STATE_DOWNLOADING)
    variete_fake_server_expire (server, variete_job_get_artwork_id (job));
}

static void
test_expired_before_download (Fixture       *f,
                              gconstpointer  data)
{
  VarieteJob *job = new_job (f);

  g_signal_connect (job, "notify::state", G_CALLBACK (downloading_cb), f->server);
  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_EXPIRED);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 0);

  g_signal_handlers_disconnect_by_func (job, downloading_cb, f->server);
  finalize_job (job);
}

static gboolean
second_poll_sent (gpointer data)
{
  Fixture *f = data;

  return n_polls (f) >= 2;
}

static void
test_cancel_during_poll (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) journal = NULL;
  VarieteJob *job = new_job (f);
  gpointer weak = job;
  guint n_before;

  variete_fake_server_set_polls_until_done (f->server, 1000);
  variete_fake_server_set_slow_delay_ms (f->server, 200);
  variete_fake_server_inject_fault (f->server, "GET " ARTWORK_PATH, VARIETE_FAKE_FAULT_SLOW, 100);

  variete_job_start (job);
  run_until (second_poll_sent, f, "a poll in flight");

  /* A slow poll is in flight: cancel, and drop the job at once. */
  variete_job_cancel (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_ABANDONED);
  g_assert_null (variete_job_get_error (job));
  g_assert_true (variete_job_get_can_retry (job));
  g_assert_cmpint (variete_job_get_next_request_at (job), ==, 0);
  n_before = n_requests (f);
  journal = journal_of (job);

  g_object_add_weak_pointer (G_OBJECT (job), &weak);
  g_object_unref (job);
  run_until (variete_test_pointer_is_null, &weak, "the job to be finalized");

  /* The slow answer arrives for a job that is gone; nothing else is asked. */
  variete_test_spin_for (400);
  g_assert_cmpuint (n_requests (f), ==, n_before);
  g_assert_cmpstr (journal_state (journal), ==, "abandoned");

  /* Resumed later from history, while the server still has it. */
  variete_fake_server_set_slow_delay_ms (f->server, 1);
  job = variete_job_new_from_journal (f->client, journal, NULL, NULL);
  g_assert_nonnull (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_ABANDONED);
  g_assert_cmpstr (variete_job_get_output_dir (job), ==, f->output_dir);
  variete_job_set_time_scale (job, TIME_SCALE);
  variete_job_retry (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_PROCESSING);
  variete_test_spin_for (50);
  g_assert_cmpuint (n_posts (f), ==, 1);
  variete_job_cancel (job);
  finalize_job (job);
}

static gboolean
artwork_id_known (gpointer data)
{
  return variete_job_get_artwork_id (data) != NULL;
}

/* A create that was sent runs to its end, so that what the artist may pay for is recorded. */
static void
test_cancel_during_create (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) journal = NULL;
  VarieteJob *job = new_job (f);

  variete_fake_server_inject_fault (f->server, "POST " CREATE_PATH, VARIETE_FAKE_FAULT_SLOW, 1);
  variete_job_start (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUBMITTING);

  variete_job_cancel (job);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_ABANDONED);
  g_assert_null (variete_job_get_artwork_id (job));

  run_until (artwork_id_known, job, "the create's answer");
  run_until (job_is_idle, job, "the journal");
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_ABANDONED);
  journal = journal_of (job);
  g_assert_cmpstr (journal_state (journal), ==, "abandoned");
  g_assert_cmpuint (n_polls (f), ==, 0);

  /* Resumed: polls the artwork it made, never creates another. */
  variete_job_retry (job);
  run_until_final (job);
  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);

  finalize_job (job);
}

/* Processing, between two polls, the journal written. */
static gboolean
idle_while_processing (gpointer data)
{
  VarieteJob *job = data;

  return variete_job_get_state (job) == VARIETE_JOB_STATE_PROCESSING && job_is_idle (job);
}

/* Killed mid-poll: the journal as it was then is all that is left. */
static void
test_resume_after_kill (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) journal = NULL;
  g_autoptr(GBytes) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) started_at = NULL;
  g_autofree char *artwork_id = NULL;
  VarieteJob *job = new_job (f);
  Watch watch;

  variete_fake_server_set_polls_until_done (f->server, 6);
  variete_job_start (job);
  run_until (idle_while_processing, job, "processing");

  journal = journal_of (job);
  snapshot = g_file_load_bytes (journal, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (journal_state (journal), ==, "processing");
  artwork_id = g_strdup (variete_job_get_artwork_id (job));
  started_at = g_date_time_ref (variete_job_get_started_at (job));

  variete_job_cancel (job);
  finalize_job (job);
  g_file_replace_contents (journal, g_bytes_get_data (snapshot, NULL), g_bytes_get_size (snapshot),
                           NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  job = variete_job_new_from_journal (f->client, journal, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_NEW);
  g_assert_cmpstr (variete_job_get_artwork_id (job), ==, artwork_id);
  g_assert_true (g_date_time_equal (variete_job_get_started_at (job), started_at));
  g_assert_cmpstr (variete_request_get_prompt (variete_job_get_request (job)), ==,
                   "a cat in the rain");
  variete_job_set_time_scale (job, TIME_SCALE);

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (watch.saved_indexes->len, ==, 2);
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);
  g_assert_cmpuint (n_downloads (f), ==, 2);

  watch_stop (&watch);
  finalize_job (job);
}

/* Runs a job to success; returns its journal. */
static GFile *
run_to_success (Fixture *f)
{
  VarieteJob *job = new_job (f);
  GFile *journal;

  variete_job_start (job);
  run_until_final (job);
  assert_succeeded_with_two_results (f, job);
  journal = journal_of (job);
  finalize_job (job);

  return journal;
}

/* Crashed after the results and the journal entry for each, before the sidecar and the final
 * write: the files are not fetched again. */
static void
test_resume_after_saved (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) journal = run_to_success (f);
  g_autoptr(JsonNode) root = load_json (journal);
  g_autoptr(GError) error = NULL;
  JsonObject *object = json_node_get_object (root);
  guint n_before = n_requests (f);
  VarieteJob *job;
  Watch watch;

  json_object_set_string_member (object, "state", "saving");
  json_object_remove_member (object, "sidecar");
  save_json (journal, root);

  job = variete_job_new_from_journal (f->client, journal, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_NEW);
  g_assert_cmpuint (g_list_model_get_n_items (variete_job_get_results (job)), ==, 2);
  variete_job_set_time_scale (job, TIME_SCALE);

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (watch.saved_indexes->len, ==, 0);
  g_assert_cmpuint (n_requests (f), ==, n_before);
  g_assert_cmpstr (journal_state (journal), ==, "succeeded");

  watch_stop (&watch);
  finalize_job (job);
}

/* Crashed after writing the results but before the journal recorded them: the same files are
 * found on disk and adopted, not written twice. */
static void
test_resume_after_unrecorded_save (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GFile) journal = run_to_success (f);
  g_autoptr(JsonNode) root = load_json (journal);
  g_autoptr(GError) error = NULL;
  JsonObject *object = json_node_get_object (root);
  VarieteJob *job;
  Watch watch;

  json_object_set_string_member (object, "state", "processing");
  json_object_set_string_member (object, "status", "processing");
  json_object_remove_member (object, "results");
  json_object_remove_member (object, "sidecar");
  json_object_set_array_member (object, "saved", json_array_new ());
  save_json (journal, root);

  job = variete_job_new_from_journal (f->client, journal, NULL, &error);
  g_assert_no_error (error);
  variete_job_set_time_scale (job, TIME_SCALE);

  watch_start (&watch, f, job);
  variete_job_start (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (watch.saved_indexes->len, ==, 2);
  g_assert_cmpuint (n_posts (f), ==, 1);

  watch_stop (&watch);
  finalize_job (job);
}

/* A file of the same name with other content is never overwritten. */
static void
test_name_taken (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) journal = run_to_success (f);
  g_autoptr(JsonNode) root = load_json (journal);
  g_autoptr(GError) error = NULL;
  JsonObject *object = json_node_get_object (root);
  JsonArray *saved = json_object_get_array_member (object, "saved");
  const char *first = json_object_get_string_member (json_array_get_object_element (saved, 0),
                                                     "file");
  g_autofree char *first_copy = g_strdup (first);
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) result = NULL;
  VarieteJob *job;

  g_file_set_contents (first_copy, "not the result", -1, &error);
  g_assert_no_error (error);

  json_object_set_string_member (object, "state", "downloading");
  json_object_remove_member (object, "sidecar");
  json_object_set_array_member (object, "saved", json_array_new ());
  save_json (journal, root);

  job = variete_job_new_from_journal (f->client, journal, NULL, &error);
  g_assert_no_error (error);
  variete_job_set_time_scale (job, TIME_SCALE);
  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 3);
  g_assert_true (g_file_get_contents (first_copy, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not the result");

  result = g_list_model_get_item (variete_job_get_results (job), 0);
  expected = g_strndup (first_copy, strlen (first_copy) - strlen (".png"));
  {
    g_autofree char *path = g_file_get_path (result);
    g_autofree char *renamed = g_strconcat (expected, "-2.png", NULL);

    g_assert_cmpstr (path, ==, renamed);
  }

  finalize_job (job);
}

static void
test_final_journal_loads_as_final (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GFile) journal = run_to_success (f);
  g_autoptr(GError) error = NULL;
  guint n_before = n_requests (f);
  VarieteJob *job;

  job = variete_job_new_from_journal (f->client, journal, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_SUCCEEDED);
  g_assert_null (variete_job_get_error (job));
  g_assert_false (variete_job_get_can_retry (job));
  g_assert_cmpuint (g_list_model_get_n_items (variete_job_get_results (job)), ==, 2);
  g_assert_nonnull (variete_job_get_sidecar_file (job));
  g_assert_true (g_file_equal (variete_job_get_journal_file (job), journal));

  variete_test_spin_for (50);
  g_assert_cmpuint (n_requests (f), ==, n_before);
  g_assert_finalize_object (job);
}

static void
test_journal_garbage (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const journals[] = {
    "not json",
    "[1, 2]",
    "{\"version\": 1}",
    "{\"version\": 99, \"artworkId\": \"abc\", \"request\": {}}",
    "{\"version\": 1, \"artworkId\": \"abc\", \"request\": 3}",
  };
  g_autofree char *path = g_build_filename (f->tmp_dir, "journal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_get_child (file, "missing");

  for (guint i = 0; i < G_N_ELEMENTS (journals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VarieteJob) job = NULL;

      g_assert_true (g_file_set_contents (path, journals[i], -1, NULL));
      job = variete_job_new_from_journal (f->client, file, NULL, &error);
      g_assert_null (job);
      g_assert_error (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_JOURNAL);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VarieteJob) job = variete_job_new_from_journal (f->client, missing, NULL, &error);

    g_assert_null (job);
    g_assert_error (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_JOURNAL);
  }
}

static void
test_retry_budget (Fixture       *f,
                   gconstpointer  data)
{
  VarieteJob *job = new_job (f);
  const GError *error;

  /* Retry-After: 1 is 10 ms here; the budget, 0.1 s, runs out long before 50 of them. */
  variete_fake_server_inject_fault (f->server, "GET " ARTWORK_PATH,
                                    VARIETE_FAKE_FAULT_RATE_LIMIT, 50);
  variete_job_set_retry_budget (job, 10);
  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpint (variete_job_get_state (job), ==, VARIETE_JOB_STATE_FAILED);
  error = variete_job_get_error (job);
  g_assert_error (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_GAVE_UP);
  g_assert_nonnull (strstr (error->message, "too many requests"));
  g_assert_true (variete_job_get_can_retry (job));
  g_assert_cmpuint (n_polls (f), <, 50);
  g_assert_nonnull (variete_job_get_artwork_id (job));

  /* Retry goes on from the artwork it knows: polls, never creates again. */
  variete_job_set_retry_budget (job, 900);
  variete_job_retry (job);
  run_until_final (job);

  assert_succeeded_with_two_results (f, job);
  g_assert_cmpuint (n_posts (f), ==, 1);
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 1);

  finalize_job (job);
}

typedef struct
{
  GArray *delays_ms;   /* the scheduled delays, in unscaled milliseconds */
  double  scale;
} Delays;

static void
next_request_changed_cb (VarieteJob *job,
                         GParamSpec *pspec,
                         Delays     *delays)
{
  gint64 at = variete_job_get_next_request_at (job);
  double delay;

  if (at == 0)
    return;

  delay = (at - g_get_monotonic_time ()) / 1000.0 / delays->scale;
  g_array_append_val (delays->delays_ms, delay);
}

/* Polls every 2 s at first, then less and less often, never more than 10 s apart. */
static void
test_poll_backoff (Fixture       *f,
                   gconstpointer  data)
{
  Delays delays = { g_array_new (FALSE, FALSE, sizeof (double)), 0.001 };
  VarieteJob *job = new_job (f);
  double first, last, max = 0;

  variete_job_set_time_scale (job, delays.scale);
  variete_fake_server_set_polls_until_done (f->server, 50);
  g_signal_connect (job, "notify::next-request-at", G_CALLBACK (next_request_changed_cb), &delays);

  variete_job_start (job);
  run_until_final (job);
  assert_succeeded_with_two_results (f, job);

  g_assert_cmpuint (delays.delays_ms->len, ==, 50);
  first = g_array_index (delays.delays_ms, double, 0);
  last = g_array_index (delays.delays_ms, double, delays.delays_ms->len - 1);
  for (guint i = 0; i < delays.delays_ms->len; i++)
    max = MAX (max, g_array_index (delays.delays_ms, double, i));

  g_assert_cmpfloat (first, >, 1000);
  g_assert_cmpfloat (first, <=, 2000);
  g_assert_cmpfloat (max, <=, 10000);
  g_assert_cmpfloat (last, >, 5000);

  g_signal_handlers_disconnect_by_func (job, next_request_changed_cb, &delays);
  g_array_unref (delays.delays_ms);
  finalize_job (job);
}

static void
add_fault_tests (const char      *prefix,
                 const FaultCase *faults,
                 guint            n_faults,
                 void           (*test) (Fixture *, gconstpointer))
{
  for (guint i = 0; i < n_faults; i++)
    {
      g_autofree char *path = g_strconcat (prefix, faults[i].name, NULL);

      g_test_add (path, Fixture, &faults[i], fixture_set_up, test, fixture_tear_down);
    }
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  static const FaultCase rate_limits[] = {
    { "rate-limit", VARIETE_FAKE_FAULT_RATE_LIMIT, -1 },
    { "rate-limit-date", VARIETE_FAKE_FAULT_RATE_LIMIT_DATE, -1 },
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/job/state-strings", test_state_strings);
  ADD ("/job/happy-path", test_happy_path, NULL);
  add_fault_tests ("/job/poll-fault/", transfer_faults, G_N_ELEMENTS (transfer_faults) - 1,
                   test_poll_fault);
  add_fault_tests ("/job/download-fault/", transfer_faults, G_N_ELEMENTS (transfer_faults),
                   test_download_fault);
  add_fault_tests ("/job/create-fault/", rate_limits, G_N_ELEMENTS (rate_limits),
                   test_create_rate_limited);
  add_fault_tests ("/job/create-fault/", uncertain_create_faults,
                   G_N_ELEMENTS (uncertain_create_faults), test_create_uncertain);
  ADD ("/job/create-fault/slow", test_create_slow, NULL);
  ADD ("/job/create-not-sent/gives-up", test_create_not_sent, NULL);
  ADD ("/job/create-not-sent/server-comes-up", test_create_not_sent_then_up, NULL);
  ADD ("/job/error/bad-request", test_bad_request, NULL);
  ADD ("/job/error/unauthorized", test_unauthorized, NULL);
  ADD ("/job/error/forbidden", test_forbidden, NULL);
  ADD ("/job/error/server-failed", test_server_final_status, "failed");
  ADD ("/job/error/server-canceled", test_server_final_status, "canceled");
  ADD ("/job/error/retry-budget", test_retry_budget, NULL);
  ADD ("/job/expired/while-polling", test_expired, NULL);
  ADD ("/job/expired/before-download", test_expired_before_download, NULL);
  ADD ("/job/cancel/during-poll", test_cancel_during_poll, NULL);
  ADD ("/job/cancel/during-create", test_cancel_during_create, NULL);
  ADD ("/job/resume/after-kill", test_resume_after_kill, NULL);
  ADD ("/job/resume/after-saved", test_resume_after_saved, NULL);
  ADD ("/job/resume/after-unrecorded-save", test_resume_after_unrecorded_save, NULL);
  ADD ("/job/resume/name-taken", test_name_taken, NULL);
  ADD ("/job/journal/final-loads-as-final", test_final_journal_loads_as_final, NULL);
  ADD ("/job/journal/garbage", test_journal_garbage, NULL);
  ADD ("/job/poll-backoff", test_poll_backoff, NULL);

  return g_test_run ();
}
