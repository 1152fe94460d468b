/* bench-job.c
 *
 * Create + poll + download of 2 results of 2048×2048 through VarieteJob (which also writes the
 * journal, both files and the sidecar) against bench/curl-job doing the same HTTP exchange with
 * curl, against the same fake server in the same run: N runs of each, interleaved, after one
 * unmeasured run of each.
 *
 * The fake server runs on a thread of its own, done after one poll, so that the 2 s poll
 * interval weighs the same on both sides and the server's work (rendering each 2048² PNG) never
 * shows as a stall of this process's main loop. Real timings: time-scale 1.0.
 *
 * Meanwhile a 5 ms heartbeat on the main loop (where the job runs, as in the app) measures the
 * longest stall.
 *
 *   bench-job --curl-script PATH [--runs N] [--size PX]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "bench-common.h"
#include "variete-job.h"
#include "variete-source-fixtures.h"

#define TARGET_RATIO 1.1
#define BATCH 2

static gboolean
job_is_final (VarieteJob *job)
{
  return variete_job_state_is_final (variete_job_get_state (job));
}

static guint
count_files (const char *dir_path,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, suffix);

  return n;
}

static double
time_job (VarieteClient  *client,
          VarieteRequest *request,
          const char     *tmp_dir,
          BenchHeartbeat *heartbeat)
{
  g_autofree char *run_dir = g_build_filename (tmp_dir, "job", NULL);
  g_autofree char *journal_dir = g_build_filename (run_dir, "jobs", NULL);
  g_autofree char *output_dir = g_build_filename (run_dir, "output", NULL);
  g_autoptr(VarieteJob) job = NULL;
  gint64 start;
  double elapsed;

  g_mkdir_with_parents (journal_dir, 0700);
  g_mkdir_with_parents (output_dir, 0700);

  job = variete_job_new (client, request, journal_dir, output_dir);

  /* Let the heartbeat settle first. */
  for (int i = 0; i < 3; i++)
    g_main_context_iteration (NULL, TRUE);

  bench_heartbeat_measure (heartbeat, TRUE);
  start = g_get_monotonic_time ();
  variete_job_start (job);
  while (!job_is_final (job))
    g_main_context_iteration (NULL, TRUE);
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  bench_heartbeat_measure (heartbeat, FALSE);

  if (variete_job_get_state (job) != VARIETE_JOB_STATE_SUCCEEDED)
    g_error ("The job ended %s: %s", variete_job_state_to_string (variete_job_get_state (job)),
             variete_job_get_error (job) ? variete_job_get_error (job)->message : "no error");
  if (count_files (output_dir, ".png") != BATCH)
    g_error ("The job saved %u results, not %d", count_files (output_dir, ".png"), BATCH);

  g_clear_object (&job);
  bench_remove_tree (run_dir);

  return elapsed;
}

static double
time_curl (const char *script,
           const char *base_url,
           const char *body_file,
           const char *tmp_dir)
{
  g_autofree char *out_dir = g_build_filename (tmp_dir, "curl", NULL);
  const char *argv[] = { script, base_url, VARIETE_FAKE_SERVER_KEY, body_file, out_dir, "2", NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start;
  double elapsed;

  g_mkdir_with_parents (out_dir, 0700);

  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s", script, error->message);
  elapsed = (g_get_monotonic_time () - start) / 1000.0;

  if (count_files (out_dir, ".png") != BATCH)
    g_error ("curl saved %u results, not %d", count_files (out_dir, ".png"), BATCH);

  bench_remove_tree (out_dir);

  return elapsed;
}

/* A photo-like 512² JPEG as a data: URL, which the fake server decodes and turns into results. */
static char *
make_source_url (void)
{
  g_autoptr(GdkPixbuf) photo = fixture_photo_pixbuf (512, 512);
  g_autoptr(GBytes) jpeg = fixture_save (photo, "jpeg");
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));

  return g_strconcat ("data:image/jpeg;base64,", base64, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VarieteClient) client = NULL;
  g_autoptr(VarieteRequest) request = NULL;
  g_autofree char *script = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *body = NULL;
  g_autofree char *source_url = NULL;
  g_autofree char *curl = NULL;
  g_autofree double *ours = NULL;
  g_autofree double *theirs = NULL;
  BenchHeartbeat heartbeat;
  BenchServer *server;
  int runs = 5;
  int size = 2048;
  double ratio, stall;
  GOptionEntry entries[] = {
    { "curl-script", 0, 0, G_OPTION_ARG_FILENAME, &script, "bench/curl-job", "PATH" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Measured runs of each (default 5)", "N" },
    { "size", 's', 0, G_OPTION_ARG_INT, &size, "Width and height of the results (2048)", "PX" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— a whole job through VarieteJob against curl");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || script == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "--curl-script is needed");
      return 2;
    }
  runs = CLAMP (runs, 1, 50);
  size = CLAMP (size, 64, 2048);

  curl = g_find_program_in_path ("curl");
  if (curl == NULL)
    {
      g_printerr ("curl is not installed\n");
      return 77;
    }

  server = bench_server_start (size, size, 1, "image/png");

  tmp_dir = g_dir_make_tmp ("variete-bench-job-XXXXXX", &error);
  g_assert_no_error (error);

  source_url = make_source_url ();
  request = variete_request_new ();
  variete_request_set_source_url (request, source_url);
  variete_request_set_batch (request, BATCH);
  variete_request_set_prompt (request, "a cat in a hat, oil painting");
  if (!variete_request_validate (request, &error))
    g_error ("The benchmark's request is not valid: %s", error->message);

  body = variete_request_to_json_string (request);
  body_file = g_build_filename (tmp_dir, "request.json", NULL);
  g_file_set_contents (body_file, body, -1, &error);
  g_assert_no_error (error);

  client = variete_client_new (server->base_url, VARIETE_FAKE_SERVER_KEY);
  bench_heartbeat_start (&heartbeat);

  /* One of each first, unmeasured: connections, libraries and caches. */
  time_job (client, request, tmp_dir, &heartbeat);
  time_curl (script, server->base_url, body_file, tmp_dir);
  heartbeat.longest_gap = 0;

  ours = g_new0 (double, runs);
  theirs = g_new0 (double, runs);
  for (int i = 0; i < runs; i++)
    {
      if (i % 2 == 0)
        {
          ours[i] = time_job (client, request, tmp_dir, &heartbeat);
          theirs[i] = time_curl (script, server->base_url, body_file, tmp_dir);
        }
      else
        {
          theirs[i] = time_curl (script, server->base_url, body_file, tmp_dir);
          ours[i] = time_job (client, request, tmp_dir, &heartbeat);
        }
    }

  bench_heartbeat_stop (&heartbeat);
  g_clear_object (&client);
  bench_server_stop (server);
  bench_remove_tree (tmp_dir);

  ratio = bench_median (ours, runs) / bench_median (theirs, runs);
  stall = heartbeat.longest_gap / 1000.0;

  g_printerr ("bench-job: %d runs of each, interleaved; %d results of %d×%d PNG, done after 1 poll "
              "(2 s), request body %zu bytes\n", runs, BATCH, size, size, strlen (body));
  bench_print_runs ("VarieteJob (create, poll, download, save)", "ms", ours, runs);
  bench_print_runs ("bench/curl-job (same exchange)", "ms", theirs, runs);

  printf ("job-time: VarieteJob %.0f ms vs curl %.0f ms = %.2f× (target ≤ %.1f×, create + poll + "
          "download of %d×%d² PNG, median of %d) %s\n",
          bench_median (ours, runs), bench_median (theirs, runs), ratio, TARGET_RATIO,
          BATCH, size, runs, bench_verdict (ratio <= TARGET_RATIO));
  printf ("job-stall: longest main-loop stall during the jobs %.1f ms (%d ms heartbeat) "
          "(target ≤ %.0f ms) %s\n",
          stall, BENCH_HEARTBEAT_MS, BENCH_TARGET_STALL_MS,
          bench_verdict (stall <= BENCH_TARGET_STALL_MS));

  g_free (script);

  return 0;
}
