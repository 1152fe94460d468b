/* bench-history.c
 *
 * Memory of `variete` with 200 jobs in its history and 2 results shown (target ≤ 250 MB), and
 * the longest main-loop stalls of the app meanwhile (its stall probe, src/variete-stall-probe.c):
 *
 * 1. Setup: 200 real jobs through VarieteJob against the fake server (in batches, each with a
 *    fresh server, at a small time scale) write 200 journals into <tmp>/data/variete/jobs and
 *    400 results (1024², WebP, as the API answers by default) with their sidecars into
 *    <tmp>/output. Each request carries its source the way the app sends a local image: a
 *    data:image/jpeg URL of a photo fitted to the API's area (1216², quality 90).
 * 2. The app starts on a 12-megapixel photo with XDG_DATA_HOME=<tmp>/data, a key and the fake
 *    server (done after one poll); once its pre-flight allows it, win.generate is activated over
 *    D-Bus (org.gtk.Actions on /io/github/variete/Variete/window/1) and the 2 results are saved
 *    and shown; then win.history opens the history window.
 * 3. VmRSS is read once it has settled (no change over 1 MiB for 2 s), with VmHWM for the peak.
 *
 * Needs a display and the session bus the app registers on (run under xvfb-run and
 * dbus-run-session, with GSETTINGS_BACKEND=memory and GSETTINGS_SCHEMA_DIR set).
 *
 *   bench-history --variete PATH [--jobs N]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <sys/wait.h>

#include "bench-common.h"
#include "variete-job.h"
#include "variete-source-fixtures.h"

#define TARGET_RSS_MB 250.0
#define BATCH_JOBS 20
#define RESULT_SIDE 1024
#define SOURCE_SIDE 1216
#define WINDOW_PATH "/io/github/variete/Variete/window/1"
#define APP_BUS_NAME "io.github.variete.Variete"
#define WAIT_TIMEOUT_MS 60000

static const char *result_format = "image/webp";
static const char *result_suffix = ".webp";

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

static char *
make_data_url (int width,
               int height)
{
  g_autoptr(GdkPixbuf) photo = fixture_photo_pixbuf (width, height);
  g_autoptr(GBytes) jpeg = fixture_save (photo, "jpeg");
  g_autofree char *base64 = g_base64_encode (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg));

  return g_strconcat ("data:image/jpeg;base64,", base64, NULL);
}

static const char * const prompts[] = {
  "a cat in a hat, oil painting",
  "watercolour harbour at dawn",
  "a fox in the snow, ukiyo-e",
  "portrait in the style of a 1920s poster",
  "cyberpunk street market at night, rain",
};

/* Step 1: the history, by real jobs. */
static void
make_history (int         n_jobs,
              gboolean    remote_sources,
              const char *journal_dir,
              const char *output_dir)
{
  g_autofree char *source_url = remote_sources ? g_strdup ("https://example.com/photo.jpg")
                                               : make_data_url (SOURCE_SIDE, SOURCE_SIDE);
  gint64 start = g_get_monotonic_time ();
  int done = 0;

  g_printerr ("  setup: %d jobs, sources as %s (%zu bytes), results %d² %s\n",
              n_jobs, remote_sources ? "https: URLs" : "data: URLs", strlen (source_url),
              RESULT_SIDE, result_format);

  while (done < n_jobs)
    {
      int batch = MIN (BATCH_JOBS, n_jobs - done);
      BenchServer *server = bench_server_start (RESULT_SIDE, RESULT_SIDE, 1, result_format);
      g_autoptr(VarieteClient) client = variete_client_new (server->base_url,
                                                            VARIETE_FAKE_SERVER_KEY);
      g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_object_unref);
      gboolean all_final = FALSE;

      for (int i = 0; i < batch; i++)
        {
          g_autoptr(VarieteRequest) request = variete_request_new ();
          VarieteJob *job;

          variete_request_set_source_url (request, source_url);
          variete_request_set_batch (request, 2);
          variete_request_set_prompt (request, prompts[(done + i) % G_N_ELEMENTS (prompts)]);
          job = variete_job_new (client, request, journal_dir, output_dir);
          variete_job_set_time_scale (job, 0.01);
          variete_job_set_source_name (job, "photo.jpg");
          variete_job_start (job);
          g_ptr_array_add (jobs, job);
        }

      while (!all_final)
        {
          g_main_context_iteration (NULL, TRUE);
          all_final = TRUE;
          for (guint i = 0; i < jobs->len; i++)
            all_final &= variete_job_state_is_final (variete_job_get_state (jobs->pdata[i]));
        }

      for (guint i = 0; i < jobs->len; i++)
        if (variete_job_get_state (jobs->pdata[i]) != VARIETE_JOB_STATE_SUCCEEDED)
          g_error ("A setup job failed: %s", variete_job_get_error (jobs->pdata[i])->message);

      g_clear_pointer (&jobs, g_ptr_array_unref);
      g_clear_object (&client);
      bench_server_stop (server);
      done += batch;
    }

  g_printerr ("  setup: %u journals, %u results, %u sidecars in %.1f s\n",
              count_files (journal_dir, ".json"), count_files (output_dir, result_suffix),
              count_files (output_dir, ".json"), (g_get_monotonic_time () - start) / 1e6);
}

/* Step 2: the app, driven over D-Bus. */

static GVariant *
call_actions (GDBusConnection *bus,
              const char      *method,
              GVariant        *parameters,
              GError         **error)
{
  return g_dbus_connection_call_sync (bus, APP_BUS_NAME, WINDOW_PATH, "org.gtk.Actions", method,
                                      parameters, NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, error);
}

static gboolean
action_enabled (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) answer = call_actions (bus, "Describe", g_variant_new ("(s)", name), NULL);
  gboolean enabled = FALSE;

  if (answer != NULL)
    g_variant_get (answer, "((b@g@av))", &enabled, NULL, NULL);

  return enabled;
}

static void
activate_action (GDBusConnection *bus,
                 const char      *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) answer = NULL;

  answer = call_actions (bus, "Activate",
                         g_variant_new ("(s@av@a{sv})", name,
                                        g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0),
                                        g_variant_new_array (G_VARIANT_TYPE ("{sv}"), NULL, 0)),
                         &error);
  if (answer == NULL)
    g_error ("Cannot activate win.%s: %s", name, error->message);
}

static gboolean
wait_until (gboolean (*predicate) (gpointer),
            gpointer   data,
            guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      bench_sleep_ms (50);
    }

  return TRUE;
}

typedef struct
{
  GDBusConnection *bus;
  const char      *output_dir;
  guint            n_sidecars;
} AppState;

static gboolean
generate_enabled (gpointer data)
{
  AppState *state = data;

  return action_enabled (state->bus, "generate");
}

static gboolean
job_saved (gpointer data)
{
  AppState *state = data;

  return count_files (state->output_dir, ".json") > state->n_sidecars;
}

/* Samples VmRSS until it changes by less than 1 MiB over 2 s; returns it in kB. */
static double
settled_rss_kb (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gint64 stable_since = g_get_monotonic_time ();
  double reference = bench_proc_status_kb (pid, "VmRSS");

  while (g_get_monotonic_time () < deadline)
    {
      double now_kb;

      bench_sleep_ms (200);
      now_kb = bench_proc_status_kb (pid, "VmRSS");
      if (ABS (now_kb - reference) > 1024)
        {
          reference = now_kb;
          stable_since = g_get_monotonic_time ();
        }
      else if (g_get_monotonic_time () - stable_since > 2 * G_USEC_PER_SEC)
        return now_kb;
    }

  g_printerr ("  VmRSS did not settle within 30 s\n");
  return bench_proc_status_kb (pid, "VmRSS");
}

/* Asks the app's probe for the longest stall since the last mark (SIGUSR1), and returns it. */
static double
probe_mark (GPid        pid,
            const char *probe_file)
{
  guint before = bench_probe_count (probe_file, "mark-longest-stall-ms");

  kill (pid, SIGUSR1);
  for (int i = 0; i < 200 && bench_probe_count (probe_file, "mark-longest-stall-ms") == before; i++)
    bench_sleep_ms (25);

  return bench_probe_get (probe_file, "mark-longest-stall-ms");
}

static void
wait_exit (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  int status;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t ret = waitpid (pid, &status, WNOHANG);

      if (ret == pid || (ret < 0 && errno == ECHILD))
        return;
      g_usleep (20 * 1000);
    }

  g_printerr ("  variete did not quit within 15 s of SIGTERM; killed\n");
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *variete = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *journal_dir = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *probe_file = NULL;
  g_autofree char *photo_path = NULL;
  g_auto(GStrv) envp = NULL;
  BenchServer *server;
  AppState state = { 0 };
  int n_jobs = 200;
  gboolean remote_sources = FALSE;
  gboolean keep = FALSE;
  double rss_kb, hwm_kb, rss_before_kb, job_stall, history_stall, first_frame;
  gint64 start;
  GPid pid;
  GOptionEntry entries[] = {
    { "variete", 0, 0, G_OPTION_ARG_FILENAME, &variete, "The variete program", "PATH" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &n_jobs, "Jobs in the history (default 200)", "N" },
    { "remote-sources", 0, 0, G_OPTION_ARG_NONE, &remote_sources,
      "Past jobs had https:// sources, not local images sent as data: URLs", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep,
      "Keep the temporary folder (journals, results) for a look by hand", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— memory with a long history and 2 results shown");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || variete == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "--variete is needed");
      return 2;
    }
  n_jobs = CLAMP (n_jobs, 0, 2000);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    {
      g_printerr ("No session bus (run under dbus-run-session): %s\n", error->message);
      return 77;
    }

  if (!fixture_can_save ("webp"))
    {
      result_format = "image/jpeg";
      result_suffix = ".jpg";
    }

  tmp_dir = g_dir_make_tmp ("variete-bench-history-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  journal_dir = g_build_filename (data_dir, "variete", "jobs", NULL);
  output_dir = g_build_filename (tmp_dir, "output", NULL);
  probe_file = g_build_filename (tmp_dir, "probe.txt", NULL);
  photo_path = g_build_filename (tmp_dir, "photo-12mp.jpg", NULL);
  g_mkdir_with_parents (journal_dir, 0700);
  g_mkdir_with_parents (output_dir, 0700);

  g_printerr ("bench-history:\n");
  make_history (n_jobs, remote_sources, journal_dir, output_dir);

  {
    g_autoptr(GdkPixbuf) photo = fixture_photo_pixbuf (4000, 3000);
    g_autoptr(GBytes) jpeg = fixture_save (photo, "jpeg");

    g_file_set_contents (photo_path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg),
                         &error);
    g_assert_no_error (error);
  }

  server = bench_server_start (RESULT_SIDE, RESULT_SIDE, 1, result_format);

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "VARIETE_API_KEY", VARIETE_FAKE_SERVER_KEY, TRUE);
  envp = g_environ_setenv (envp, "VARIETE_API_URL", server->base_url, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_dir, TRUE);
  envp = g_environ_setenv (envp, "VARIETE_OUTPUT_DIR", output_dir, TRUE);
  envp = g_environ_setenv (envp, "VARIETE_STALL_PROBE_FILE", probe_file, TRUE);
  envp = g_environ_unsetenv (envp, "VARIETE_BENCH_EXIT_AFTER_FIRST_FRAME");

  {
    const char *app_argv[] = { variete, photo_path, NULL };

    start = g_get_monotonic_time ();
    if (!g_spawn_async (NULL, (char **) app_argv, envp,
                        G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                        NULL, NULL, &pid, &error))
      g_error ("Cannot run %s: %s", variete, error->message);
  }

  first_frame = bench_probe_wait (probe_file, "first-frame-us", WAIT_TIMEOUT_MS);
  if (first_frame < 0)
    g_error ("variete showed no frame within %d s", WAIT_TIMEOUT_MS / 1000);
  g_printerr ("  app: first frame after %.0f ms with %d jobs in the journal folder\n",
              (first_frame - start) / 1000.0, n_jobs);

  state.bus = bus;
  state.output_dir = output_dir;
  state.n_sidecars = count_files (output_dir, ".json");

  if (!wait_until (generate_enabled, &state, WAIT_TIMEOUT_MS))
    g_error ("win.generate never became enabled (source pre-flight, key or request?)");

  /* From here, the stall during a job in the app. */
  probe_mark (pid, probe_file);

  start = g_get_monotonic_time ();
  activate_action (bus, "generate");
  if (!wait_until (job_saved, &state, WAIT_TIMEOUT_MS))
    g_error ("The job started by win.generate did not save its results");
  g_printerr ("  app: job saved %.1f s after win.generate\n",
              (g_get_monotonic_time () - start) / 1e6);

  /* The result tiles decode their images off the main loop: let them come in. */
  rss_before_kb = settled_rss_kb (pid);
  job_stall = probe_mark (pid, probe_file);

  start = g_get_monotonic_time ();
  activate_action (bus, "history");
  rss_kb = settled_rss_kb (pid);
  hwm_kb = bench_proc_status_kb (pid, "VmHWM");
  g_printerr ("  app: history open, VmRSS settled %.1f s after win.history\n",
              (g_get_monotonic_time () - start) / 1e6);

  history_stall = probe_mark (pid, probe_file);

  kill (pid, SIGTERM);
  wait_exit (pid);
  bench_server_stop (server);

  g_printerr ("  app: VmRSS %.1f MiB with the 2 results shown, %.1f MiB with the history open "
              "(peak VmHWM %.1f MiB)\n",
              rss_before_kb / 1024, rss_kb / 1024, hwm_kb / 1024);

  printf ("history-rss: variete with %d jobs (%s sources) in the history and 2 results shown "
          "%.0f MB (%.1f MiB; %.0f MB before opening the history, peak %.0f MB) "
          "(target ≤ %.0f MB) %s\n",
          n_jobs, remote_sources ? "https:" : "data:", rss_kb * 1024 / 1e6, rss_kb / 1024, rss_before_kb * 1024 / 1e6,
          hwm_kb * 1024 / 1e6, TARGET_RSS_MB, bench_verdict (rss_kb * 1024 / 1e6 <= TARGET_RSS_MB));
  printf ("app-job-stall: longest main-loop stall in the app during a job (generate to 2 results "
          "shown) %.1f ms (target ≤ %.0f ms) %s\n",
          job_stall, BENCH_TARGET_STALL_MS,
          bench_verdict (job_stall >= 0 && job_stall <= BENCH_TARGET_STALL_MS));
  printf ("history-stall: longest main-loop stall in the app while opening a %d-job history "
          "%.1f ms (target ≤ %.0f ms) %s\n",
          n_jobs, history_stall, BENCH_TARGET_STALL_MS,
          bench_verdict (history_stall >= 0 && history_stall <= BENCH_TARGET_STALL_MS));

  if (keep)
    g_printerr ("  kept %s\n", tmp_dir);
  else
    bench_remove_tree (tmp_dir);

  return 0;
}
