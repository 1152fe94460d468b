/* bench-startup.c
 *
 * Start to first frame, and idle memory, of `variete` against a bare libadwaita window
 * (bench/bare-window.c) with the same renderer, in the same run: N runs of each, interleaved
 * (the order swaps every run), after one unmeasured run of each to warm the caches.
 *
 * Each run: spawn the program with the stall probe on (src/variete-stall-probe.c); the time to
 * first frame is the probe's monotonic "first-frame-us" minus the time just before the spawn;
 * 2 s after that frame, VmRSS from /proc/<pid>/status is the idle RSS; then SIGTERM, which the
 * probe turns into a clean quit that reports the longest main-loop stall after the first frame.
 *
 * Variete gets a key (VARIETE_API_KEY) and a loopback fake server (VARIETE_API_URL, in-process
 * here on its own thread) so that it opens its main page, not onboarding; both programs get the
 * same environment otherwise, which the caller sets: a display, a session bus, GSETTINGS_BACKEND=
 * memory and GSETTINGS_SCHEMA_DIR. XDG_DATA_HOME and VARIETE_OUTPUT_DIR point into a temporary
 * folder (no past jobs).
 *
 *   bench-startup --variete PATH --bare PATH [--runs N] [--idle-ms MS]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <sys/wait.h>

#include "bench-common.h"

#define TARGET_TIME_RATIO 1.15
#define TARGET_RSS_RATIO 1.3
#define FIRST_FRAME_TIMEOUT_MS 30000

/* The way to the first frame, from the probe (src/variete-stall-probe.c): start to activate,
 * building the window, realizing it, mapping and laying it out, painting the first frame. */
#define N_PHASES 5
static const char *phase_keys[N_PHASES + 1] = {
  NULL, "activate-us", "window-added-us", "realized-us", "layout-done-us", "first-frame-us"
};

typedef struct
{
  double first_frame_ms;
  double rss_mib;
  double stall_ms;
  double phase_ms[N_PHASES];
} RunResult;

static gboolean
wait_exit (GPid  pid,
           guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  int status;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t ret = waitpid (pid, &status, WNOHANG);

      if (ret == pid || (ret < 0 && errno == ECHILD))
        return TRUE;
      g_usleep (10 * 1000);
    }

  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);

  return FALSE;
}

static RunResult
run_once (const char  *program,
          char       **envp,
          const char  *probe_file,
          guint        idle_ms)
{
  const char *argv[] = { program, NULL };
  g_auto(GStrv) env = g_environ_setenv (g_strdupv (envp), "VARIETE_STALL_PROBE_FILE",
                                        probe_file, TRUE);
  g_autoptr(GError) error = NULL;
  RunResult result = { -1, -1, -1, { -1, -1, -1, -1, -1 } };
  gint64 start;
  double first_frame;
  GPid pid;

  g_remove (probe_file);

  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, (char **) argv, env,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    g_error ("Cannot run %s: %s", program, error->message);

  first_frame = bench_probe_wait (probe_file, "first-frame-us", FIRST_FRAME_TIMEOUT_MS);
  if (first_frame < 0)
    {
      g_printerr ("  %s: no first frame within %d s\n", program, FIRST_FRAME_TIMEOUT_MS / 1000);
      kill (pid, SIGKILL);
      wait_exit (pid, 5000);
      return result;
    }
  result.first_frame_ms = (first_frame - start) / 1000.0;

  {
    double previous = start;

    for (guint i = 0; i < N_PHASES; i++)
      {
        double at = bench_probe_get (probe_file, phase_keys[i + 1]);

        if (at < 0 || previous < 0)
          {
            previous = -1;
            continue;
          }
        result.phase_ms[i] = (at - previous) / 1000.0;
        previous = at;
      }
  }

  /* Idle: nothing happens for a while after the first frame. */
  g_usleep (MAX (0, (gint64) first_frame + (gint64) idle_ms * 1000 - g_get_monotonic_time ()));
  result.rss_mib = bench_proc_status_kb (pid, "VmRSS") / 1024.0;

  kill (pid, SIGTERM);
  if (!wait_exit (pid, 10000))
    g_printerr ("  %s did not quit within 10 s of SIGTERM; killed\n", program);
  result.stall_ms = bench_probe_get (probe_file, "longest-stall-ms");

  return result;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *variete = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *output_dir = NULL;
  g_autofree char *probe_file = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *suffix = NULL;
  const char *renderer;
  BenchServer *server;
  int runs = 5;
  int idle_ms = 2000;
  double *time_ours, *time_bare, *rss_ours, *rss_bare, *stall_ours, *stall_bare;
  double time_ratio, rss_ratio, stall;
  double *phases_ours[N_PHASES], *phases_bare[N_PHASES];
  gboolean have_phases = TRUE;
  int n_ok = 0;
  GOptionEntry entries[] = {
    { "variete", 0, 0, G_OPTION_ARG_FILENAME, &variete, "The variete program", "PATH" },
    { "bare", 0, 0, G_OPTION_ARG_FILENAME, &bare, "The bare-window program", "PATH" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Measured runs of each (default 5)", "N" },
    { "idle-ms", 0, 0, G_OPTION_ARG_INT, &idle_ms,
      "Idle time after the first frame before reading VmRSS (default 2000)", "MS" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— start-up time and idle RSS against a bare libadwaita window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || variete == NULL || bare == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "--variete and --bare are needed");
      return 2;
    }
  runs = CLAMP (runs, 1, 50);

  server = bench_server_start (0, 0, 2, NULL);

  tmp_dir = g_dir_make_tmp ("variete-bench-startup-XXXXXX", &error);
  g_assert_no_error (error);
  data_dir = g_build_filename (tmp_dir, "data", NULL);
  output_dir = g_build_filename (tmp_dir, "output", NULL);
  probe_file = g_build_filename (tmp_dir, "probe.txt", NULL);
  g_mkdir_with_parents (data_dir, 0700);
  g_mkdir_with_parents (output_dir, 0700);

  envp = g_get_environ ();
  envp = g_environ_setenv (envp, "VARIETE_API_KEY", VARIETE_FAKE_SERVER_KEY, TRUE);
  envp = g_environ_setenv (envp, "VARIETE_API_URL", server->base_url, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_dir, TRUE);
  envp = g_environ_setenv (envp, "VARIETE_OUTPUT_DIR", output_dir, TRUE);
  envp = g_environ_unsetenv (envp, "VARIETE_BENCH_EXIT_AFTER_FIRST_FRAME");
  renderer = g_environ_getenv (envp, "GSK_RENDERER");

  time_ours = g_new0 (double, runs);
  time_bare = g_new0 (double, runs);
  rss_ours = g_new0 (double, runs);
  rss_bare = g_new0 (double, runs);
  stall_ours = g_new0 (double, runs);
  stall_bare = g_new0 (double, runs);
  for (guint p = 0; p < N_PHASES; p++)
    {
      phases_ours[p] = g_new0 (double, runs);
      phases_bare[p] = g_new0 (double, runs);
    }

  /* Warm-up, not measured. */
  run_once (bare, envp, probe_file, 200);
  run_once (variete, envp, probe_file, 200);

  for (int i = 0; i < runs; i++)
    {
      RunResult ours, theirs;

      if (i % 2 == 0)
        {
          theirs = run_once (bare, envp, probe_file, idle_ms);
          ours = run_once (variete, envp, probe_file, idle_ms);
        }
      else
        {
          ours = run_once (variete, envp, probe_file, idle_ms);
          theirs = run_once (bare, envp, probe_file, idle_ms);
        }

      if (ours.first_frame_ms < 0 || theirs.first_frame_ms < 0)
        continue;

      time_ours[n_ok] = ours.first_frame_ms;
      time_bare[n_ok] = theirs.first_frame_ms;
      rss_ours[n_ok] = ours.rss_mib;
      rss_bare[n_ok] = theirs.rss_mib;
      stall_ours[n_ok] = ours.stall_ms;
      stall_bare[n_ok] = theirs.stall_ms;
      for (guint p = 0; p < N_PHASES; p++)
        {
          phases_ours[p][n_ok] = ours.phase_ms[p];
          phases_bare[p][n_ok] = theirs.phase_ms[p];
          have_phases = have_phases && ours.phase_ms[p] >= 0 && theirs.phase_ms[p] >= 0;
        }
      n_ok++;
    }

  bench_server_stop (server);
  bench_remove_tree (tmp_dir);

  if (n_ok == 0)
    {
      printf ("startup-time: no run reached a first frame (FAIL)\n");
      return 0;
    }

  g_printerr ("bench-startup: %d runs of each, interleaved, GSK_RENDERER=%s, idle %d ms\n",
              n_ok, renderer ? renderer : "(default)", idle_ms);
  bench_print_runs ("variete: first frame", "ms", time_ours, n_ok);
  bench_print_runs ("bare window: first frame", "ms", time_bare, n_ok);
  bench_print_runs ("variete: idle VmRSS", "MiB", rss_ours, n_ok);
  bench_print_runs ("bare window: idle VmRSS", "MiB", rss_bare, n_ok);
  bench_print_runs ("variete: stall after first frame", "ms", stall_ours, n_ok);
  bench_print_runs ("bare window: stall after first frame", "ms", stall_bare, n_ok);

  time_ratio = bench_median (time_ours, n_ok) / bench_median (time_bare, n_ok);
  rss_ratio = bench_median (rss_ours, n_ok) / bench_median (rss_bare, n_ok);
  stall = bench_max (stall_ours, n_ok);

  /* The figures of a renderer chosen with GSK_RENDERER are named after it: startup-time-cairo. */
  suffix = renderer != NULL && renderer[0] != '\0' ? g_strconcat ("-", renderer, NULL) : g_strdup ("");

  printf ("startup-time%s: variete %.0f ms vs bare libadwaita window %.0f ms = %.2f× "
          "(target ≤ %.2f×, renderer %s, median of %d) %s\n",
          suffix, bench_median (time_ours, n_ok), bench_median (time_bare, n_ok), time_ratio,
          TARGET_TIME_RATIO, renderer ? renderer : "default", n_ok,
          bench_verdict (time_ratio <= TARGET_TIME_RATIO));
  printf ("idle-rss%s: variete %.1f MiB vs bare libadwaita window %.1f MiB = %.2f× "
          "(target ≤ %.1f×, VmRSS %d ms after the first frame) %s\n",
          suffix, bench_median (rss_ours, n_ok), bench_median (rss_bare, n_ok), rss_ratio,
          TARGET_RSS_RATIO, idle_ms, bench_verdict (rss_ratio <= TARGET_RSS_RATIO));
  printf ("startup-stall%s: variete longest main-loop stall after the first frame %.1f ms "
          "(bare window %.1f ms; worst of %d runs) (target ≤ %.0f ms) %s\n",
          suffix, stall, bench_max (stall_bare, n_ok), n_ok, BENCH_TARGET_STALL_MS,
          bench_verdict (stall >= 0 && stall <= BENCH_TARGET_STALL_MS));

  /* Not a target: where the time to the first frame goes, to explain the ratio. */
  if (have_phases)
    {
      g_autoptr(GString) ours_line = g_string_new (NULL);
      g_autoptr(GString) bare_line = g_string_new (NULL);

      for (guint p = 0; p < N_PHASES; p++)
        {
          g_string_append_printf (ours_line, "%s%.0f", p > 0 ? " + " : "",
                                  bench_median (phases_ours[p], n_ok));
          g_string_append_printf (bare_line, "%s%.0f", p > 0 ? " + " : "",
                                  bench_median (phases_bare[p], n_ok));
        }
      printf ("startup-phases%s: variete %s ms vs bare libadwaita window %s ms (start to "
              "activate + building the window + realizing it + mapping and laying it out + "
              "painting the first frame; medians of %d) INFO\n",
              suffix, ours_line->str, bare_line->str, n_ok);
    }

  for (guint p = 0; p < N_PHASES; p++)
    {
      g_free (phases_ours[p]);
      g_free (phases_bare[p]);
    }
  g_free (time_ours);
  g_free (time_bare);
  g_free (rss_ours);
  g_free (rss_bare);
  g_free (stall_ours);
  g_free (stall_bare);

  return 0;
}
