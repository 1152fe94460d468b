/* test-job-faults.c
 *
 * VarieteJob against a server that misbehaves the way real ones do: result links that expire
 * before the artwork, bodies that are not images whatever their Content-Type, result addresses
 * that can never work, a create that refuses an inline source, and an output folder that is
 * full or read-only. Time runs at TIME_SCALE, except where the test measures it.
 *
 * The full and read-only folders are real: a 64 KiB tmpfs, and a read-only bind mount, in a
 * mount namespace of this process's own (main() unshares it before any thread starts), so that
 * nothing outside the test sees them and a crash leaves no mount behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "variete-fake-server.h"
#include "variete-job.h"
#include "variete-test-utils.h"

#define TIME_SCALE 0.01
#define WAIT_TIMEOUT_SECONDS 20
#define ARTWORK_PATH "/v2/artworks/"
#define RESULTS_PATH "/results/"

typedef struct
{
  VarieteFakeServer *server;
  VarieteClient     *client;
  char              *tmp_dir;
  char              *journal_dir;
  char              *output_dir;
  gboolean           mounted;
} Fixture;

/* Why the mount tests cannot run, or NULL when they can. */
static const char *mount_problem;

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
run_until (VarieteTestPredicate  condition,
           gpointer              data,
           const char           *what)
{
  if (!variete_test_wait_for (condition, data, WAIT_TIMEOUT_SECONDS))
    g_error ("Timed out waiting for %s", what);
}

static void
run_until_final (VarieteJob *job)
{
  run_until (job_is_final, job, "the job to stop");
}

static void
finalize_job (VarieteJob *job)
{
  run_until (job_is_idle, job, "the job's last reference");
  g_assert_finalize_object (job);
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

static VarieteJob *
new_job (Fixture *f)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");
  VarieteJob *job = variete_job_new (f->client, request, f->journal_dir, f->output_dir);

  variete_job_set_time_scale (job, TIME_SCALE);

  return job;
}

static void
assert_state (VarieteJob      *job,
              VarieteJobState  expected)
{
  const GError *error = variete_job_get_error (job);

  if (variete_job_get_state (job) != expected)
    g_error ("The job is %s, not %s: %s",
             variete_job_state_to_string (variete_job_get_state (job)),
             variete_job_state_to_string (expected),
             error ? error->message : "no error");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every name in @dir, sorted, as one string: "a b c". */
static char *
list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_two_results_saved (Fixture    *f,
                          VarieteJob *job,
                          const char *extension)
{
  GListModel *results = variete_job_get_results (job);

  assert_state (job, VARIETE_JOB_STATE_SUCCEEDED);
  g_assert_null (variete_job_get_error (job));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, extension), ==, 2);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".json"), ==, 1);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (results, i);
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *suffix = g_strdup_printf ("-%u%s", i + 1, extension);

      /* <date>-<id>-1.png, never -1-2.png. */
      g_assert_true (g_str_has_suffix (basename, suffix));
      g_assert_cmpuint (strlen (basename), ==, strlen ("2026-01-01-01234567") + strlen (suffix));
    }
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = variete_test_fake_server_new ();
  f->client = variete_test_client_new (f->server);
  variete_client_set_timeout (f->client, 10);

  f->tmp_dir = variete_test_make_tmp_dir ("variete-test-job-faults-XXXXXX");
  f->journal_dir = g_build_filename (f->tmp_dir, "jobs", NULL);
  f->output_dir = g_build_filename (f->tmp_dir, "Pictures", "Variete", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->mounted && umount2 (f->output_dir, MNT_DETACH) != 0)
    g_error ("Could not unmount %s: %s", f->output_dir, g_strerror (errno));

  g_assert_true (variete_test_rm_rf (f->tmp_dir));

  g_clear_pointer (&f->tmp_dir, g_free);
  g_clear_pointer (&f->journal_dir, g_free);
  g_clear_pointer (&f->output_dir, g_free);

  g_assert_finalize_object (f->client);
  g_assert_finalize_object (f->server);
}

/* Expired links */

static void
downloading_expire_links_cb (VarieteJob        *job,
                             GParamSpec        *pspec,
                             VarieteFakeServer *server)
{
  if (variete_job_get_state (job) != VARIETE_JOB_STATE_DOWNLOADING)
    return;

  variete_fake_server_expire_links (server, variete_job_get_artwork_id (job));
  g_signal_handlers_disconnect_by_func (job, downloading_expire_links_cb, server);
}

static void
waiting_error_cb (VarieteJob *job,
                  GParamSpec *pspec,
                  GPtrArray  *errors)
{
  const GError *error = variete_job_get_error (job);

  if (error != NULL && variete_job_get_state (job) == VARIETE_JOB_STATE_WAITING)
    g_ptr_array_add (errors, g_error_copy (error));
}

/* The links the artwork gave expire just as the first download starts: the job fetches the
 * artwork again and downloads both results with the fresh links. */
static void
test_link_expired_once (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  const char * const *log;
  VarieteJob *job = new_job (f);
  guint refused = 0, refetched_after = 0;

  g_signal_connect (job, "notify::state", G_CALLBACK (downloading_expire_links_cb), f->server);
  g_signal_connect (job, "notify::error", G_CALLBACK (waiting_error_cb), errors);
  variete_job_start (job);
  run_until_final (job);

  assert_two_results_saved (f, job, ".png");

  /* One refused download, then a GET for fresh links, then the two downloads. */
  g_assert_cmpuint (n_downloads (f), ==, 3);
  g_assert_cmpuint (n_polls (f), ==, 3);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (errors, 0), VARIETE_CLIENT_ERROR,
                  VARIETE_CLIENT_ERROR_LINK_REFUSED);

  log = variete_fake_server_get_log (f->server);
  for (guint i = 0; log[i] != NULL; i++)
    {
      if (g_str_has_prefix (log[i], "GET " RESULTS_PATH) && g_str_has_suffix (log[i], " 403"))
        refused = i;
      else if (refused > 0 && refetched_after == 0 && g_str_has_prefix (log[i], "GET " ARTWORK_PATH))
        refetched_after = i;
    }
  g_assert_cmpuint (refused, >, 0);
  g_assert_cmpuint (refetched_after, >, refused);

  g_signal_handlers_disconnect_by_data (job, errors);
  finalize_job (job);
}

/* A 410 from the result host means the same: fetch again, never "expired". */
static void
test_link_gone_once (Fixture       *f,
                     gconstpointer  data)
{
  VarieteJob *job = new_job (f);

  variete_fake_server_inject_fault (f->server, "GET " RESULTS_PATH,
                                    VARIETE_FAKE_FAULT_LINK_GONE, 1);
  variete_job_start (job);
  run_until_final (job);

  assert_two_results_saved (f, job, ".png");
  g_assert_cmpuint (n_downloads (f), ==, 3);
  g_assert_cmpuint (n_polls (f), ==, 3);

  finalize_job (job);
}

/* The links are refused however fresh: the job gives up within its budget, stays resumable,
 * says the links were refused rather than that the artwork is gone, and a Retry later gets the
 * results. */
static void
test_link_refused_forever (Fixture       *f,
                           gconstpointer  data)
{
  VarieteJob *job = new_job (f);
  const GError *error;
  guint polls_before;

  /* The budget, 10 s, is 0.1 s here: three or four tries of the five refusals. */
  variete_fake_server_inject_fault (f->server, "GET " RESULTS_PATH,
                                    VARIETE_FAKE_FAULT_LINK_EXPIRED, 5);
  variete_job_set_retry_budget (job, 10);
  variete_job_start (job);
  run_until_final (job);

  assert_state (job, VARIETE_JOB_STATE_FAILED);
  error = variete_job_get_error (job);
  g_assert_error (error, VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_GAVE_UP);
  g_assert_nonnull (strstr (error->message, "refusing the links"));
  g_assert_nonnull (strstr (error->message, "still on Tengr.ai"));
  g_assert_null (strstr (error->message, "not on the server"));
  g_assert_null (strstr (error->message, "deletes"));
  g_assert_true (variete_job_get_can_retry (job));
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 0);

  /* Each refusal fetched the artwork again for fresh links. */
  g_assert_cmpuint (n_downloads (f), >=, 2);
  g_assert_cmpuint (n_downloads (f), <, 5);
  g_assert_cmpuint (n_polls (f), >=, 2 + n_downloads (f) - 1);

  polls_before = n_polls (f);
  variete_job_set_retry_budget (job, 900);
  variete_job_retry (job);
  run_until_final (job);

  assert_two_results_saved (f, job, ".png");
  g_assert_cmpuint (n_polls (f), >, polls_before);

  finalize_job (job);
}

/* Bytes that are not an image */

/* An HTML page served as image/webp is never saved; once the real image comes, it is. */
static void
test_not_an_image (Fixture       *f,
                   gconstpointer  data)
{
  gboolean forever = GPOINTER_TO_INT (data);
  VarieteJob *job;

  variete_fake_server_set_result_format (f->server, "image/webp");
  variete_fake_server_inject_fault (f->server, "GET " RESULTS_PATH,
                                    VARIETE_FAKE_FAULT_NOT_AN_IMAGE, forever ? 1000 : 1);
  job = new_job (f);
  variete_job_set_retry_budget (job, 10);
  variete_job_start (job);
  run_until_final (job);

  if (forever)
    {
      g_autofree char *names = list_dir (f->output_dir);

      assert_state (job, VARIETE_JOB_STATE_FAILED);
      g_assert_error (variete_job_get_error (job), VARIETE_JOB_ERROR, VARIETE_JOB_ERROR_GAVE_UP);
      g_assert_nonnull (strstr (variete_job_get_error (job)->message, "not a PNG, JPEG or WebP"));
      g_assert_true (variete_job_get_can_retry (job));
      g_assert_cmpstr (names, ==, "");
      g_assert_cmpuint (n_downloads (f), >=, 2);
    }
  else
    {
      assert_two_results_saved (f, job, ".webp");
      g_assert_cmpuint (n_downloads (f), ==, 3);
    }

  finalize_job (job);
}

/* Addresses that can never work */

static void
test_insecure_result (Fixture       *f,
                      gconstpointer  data)
{
  gboolean redirect = GPOINTER_TO_INT (data);
  g_autoptr(GTimer) timer = g_timer_new ();
  VarieteJob *job = new_job (f);
  const GError *error;

  /* Real time: the job must not wait out its 15-minute budget. */
  variete_job_set_time_scale (job, 1.0);
  variete_fake_server_set_polls_until_done (f->server, 1);
  if (redirect)
    variete_fake_server_inject_fault (f->server, "GET " RESULTS_PATH,
                                      VARIETE_FAKE_FAULT_REDIRECT_TO_HTTP, 1000);
  else
    variete_fake_server_set_result_base_url (f->server, "http://example.invalid");

  variete_job_start (job);
  run_until_final (job);

  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
  assert_state (job, VARIETE_JOB_STATE_FAILED);
  error = variete_job_get_error (job);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_INSECURE);
  /* The server's doing, not the artist's API address. */
  g_assert_nonnull (strstr (error->message, "not the cause"));
  g_assert_null (strstr (error->message, "Preferences"));
  g_assert_null (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (n_downloads (f), ==, redirect ? 1 : 0);
  g_assert_cmpuint (variete_test_count_files (f->output_dir, ".png"), ==, 0);

  finalize_job (job);
}

/* A refused inline source */

static void
test_inline_source_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(VarieteRequest) request = variete_test_new_request ("a cat in the rain");
  g_autofree char *data_url = variete_test_png_data_url (16, 16, FALSE, 0x336699ff);
  VarieteJob *job;
  const GError *error;

  variete_fake_server_set_refuse_data_urls (f->server, TRUE);
  variete_request_set_source_url (request, data_url);
  job = variete_job_new (f->client, request, f->journal_dir, f->output_dir);
  variete_job_set_time_scale (job, TIME_SCALE);
  variete_job_start (job);
  run_until_final (job);

  assert_state (job, VARIETE_JOB_STATE_FAILED);
  error = variete_job_get_error (job);
  g_assert_error (error, VARIETE_CLIENT_ERROR, VARIETE_CLIENT_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "imageUrl must be a URL address"));
  g_assert_nonnull (strstr (error->message, "image host"));
  g_assert_nonnull (strstr (error->message, "Preferences"));
  g_assert_nonnull (strstr (error->message, "web address"));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_false (variete_job_get_can_retry (job));
  g_assert_cmpuint (variete_fake_server_get_n_accepted_creates (f->server), ==, 0);

  finalize_job (job);
}

/* Full and read-only folders */

typedef enum
{
  FOLDER_FULL,
  FOLDER_READ_ONLY,
} FolderTrouble;

/* Fills @dir's file system to the last byte with one file, @path. */
static void
fill_up (const char *path)
{
  g_autofree char *chunk = g_malloc0 (4096);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  gsize size = 4096;

  g_assert_cmpint (fd, >=, 0);

  /* Whole blocks, then single bytes for whatever is left. */
  while (size > 0)
    {
      if (write (fd, chunk, size) < 0)
        {
          g_assert_cmpint (errno, ==, ENOSPC);
          size = size > 1 ? 1 : 0;
        }
    }

  g_assert_cmpint (close (fd), ==, 0);
}

static gboolean
job_waits_to_save (gpointer data)
{
  return variete_job_get_state (data) == VARIETE_JOB_STATE_WAITING &&
         g_error_matches (variete_job_get_error (data), VARIETE_JOB_ERROR,
                          VARIETE_JOB_ERROR_SAVE);
}

static void
test_folder_trouble (Fixture       *f,
                     gconstpointer  data)
{
  FolderTrouble trouble = GPOINTER_TO_INT (data);
  g_autofree char *filler = NULL;
  g_autofree char *names = NULL;
  const GError *error;
  VarieteJob *job;

  if (mount_problem != NULL)
    {
      g_test_skip (mount_problem);
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (f->output_dir, 0755), ==, 0);

  if (trouble == FOLDER_FULL)
    {
      if (mount ("variete-test", f->output_dir, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") != 0)
        g_error ("Could not mount a tmpfs on %s: %s", f->output_dir, g_strerror (errno));
      f->mounted = TRUE;
      filler = g_build_filename (f->output_dir, "filler", NULL);
      fill_up (filler);
    }
  else
    {
      if (mount (f->output_dir, f->output_dir, NULL, MS_BIND, NULL) != 0)
        g_error ("Could not bind-mount %s: %s", f->output_dir, g_strerror (errno));
      f->mounted = TRUE;
      if (mount (NULL, f->output_dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) != 0)
        g_error ("Could not make %s read-only: %s", f->output_dir, g_strerror (errno));
    }

  job = new_job (f);
  variete_job_start (job);
  run_until (job_waits_to_save, job, "the job to wait for the folder");

  /* It says what is wrong and that nothing needs doing but to free the folder. */
  error = variete_job_get_error (job);
  g_assert_nonnull (strstr (error->message, trouble == FOLDER_FULL ? "No space left"
                                                                     : "Read-only"));
  g_assert_nonnull (strstr (error->message, "on its own"));
  g_assert_cmpint (variete_job_get_next_request_at (job), >, 0);

  /* Several tries later (every 0.3 s here): still nothing under any name, the first result
   * downloaded once and kept. */
  variete_test_spin_for (1000);
  g_assert_true (job_waits_to_save (job));
  names = list_dir (f->output_dir);
  g_assert_cmpstr (names, ==, trouble == FOLDER_FULL ? "filler" : "");
  g_assert_cmpuint (n_downloads (f), ==, 1);

  if (trouble == FOLDER_FULL)
    g_assert_cmpint (g_unlink (filler), ==, 0);
  else if (mount (NULL, f->output_dir, NULL, MS_REMOUNT | MS_BIND, NULL) != 0)
    g_error ("Could not make %s writable again: %s", f->output_dir, g_strerror (errno));

  run_until_final (job);

  assert_two_results_saved (f, job, ".png");
  g_assert_cmpuint (n_downloads (f), ==, 2);
  g_clear_pointer (&names, g_free);
  names = list_dir (f->output_dir);
  g_assert_null (strstr (names, ".variete-"));

  finalize_job (job);
}

/* A mount namespace of our own, before any thread exists (unshare() refuses otherwise), with
 * nothing propagated back to the machine's. */
static void
unshare_mounts (void)
{
  if (geteuid () != 0)
    mount_problem = "Mounting a tmpfs takes root (CI runs these tests as root)";
  else if (unshare (CLONE_NEWNS) != 0)
    mount_problem = "This system does not allow a private mount namespace";
  else if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    mount_problem = "Could not make the mounts of this test private";
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  unshare_mounts ();
  g_test_init (&argc, &argv, NULL);

  ADD ("/job-faults/link/expired-once", test_link_expired_once, NULL);
  ADD ("/job-faults/link/gone-once", test_link_gone_once, NULL);
  ADD ("/job-faults/link/refused-forever", test_link_refused_forever, NULL);
  ADD ("/job-faults/not-an-image/once", test_not_an_image, GINT_TO_POINTER (FALSE));
  ADD ("/job-faults/not-an-image/forever", test_not_an_image, GINT_TO_POINTER (TRUE));
  ADD ("/job-faults/insecure/result-url", test_insecure_result, GINT_TO_POINTER (FALSE));
  ADD ("/job-faults/insecure/redirect", test_insecure_result, GINT_TO_POINTER (TRUE));
  ADD ("/job-faults/inline-source-refused", test_inline_source_refused, NULL);
  ADD ("/job-faults/folder/full", test_folder_trouble, GINT_TO_POINTER (FOLDER_FULL));
  ADD ("/job-faults/folder/read-only", test_folder_trouble, GINT_TO_POINTER (FOLDER_READ_ONLY));

  return g_test_run ();
}
