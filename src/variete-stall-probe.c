/* variete-stall-probe.c
 *
 * A probe for the benchmarks (bench/, build-aux/bench), off unless the environment asks:
 *
 *   VARIETE_STALL_PROBE=1       a heartbeat every 5 ms on the main loop records the longest gap
 *                               between two beats, i.e. the longest time the main loop could not
 *                               run a callback (a "stall"); the figures are printed on stderr
 *                               when the application quits.
 *   VARIETE_STALL_PROBE_FILE=F  also append them to F as key=value lines (F is emptied first);
 *                               implies the probe.
 *   VARIETE_BENCH_EXIT_AFTER_FIRST_FRAME=1
 *                               quit right after the first window's first frame is painted;
 *                               implies the probe.
 *
 * Keys written to the file (monotonic times are g_get_monotonic_time(), CLOCK_MONOTONIC, in µs,
 * comparable with another process's):
 *   first-frame-us=T                      when the first window's first frame was painted
 *   activate-us, window-added-us, realized-us, layout-done-us
 *                                         the way to it: the application's activate signal (its
 *                                         handlers then build the window), the window joining
 *                                         the application (built), realized (styled, shown), and
 *                                         the end of the first frame's last layout (measured and
 *                                         allocated; from there to first-frame-us it is painted)
 *   mark-longest-stall-ms=X               on SIGUSR1: the longest gap since the previous mark
 *                                         (or since the first frame); the maximum starts over
 *   longest-stall-ms=X                    at quit: the longest gap after the first frame
 *   longest-stall-before-first-frame-ms=X at quit: the longest gap until it (building the
 *                                         first window is expected to hold the loop)
 *   quit-us=T                             at quit
 *
 * SIGTERM and SIGINT quit the application cleanly while the probe is on, so that a benchmark
 * can stop it and still read the figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <gtk/gtk.h>
#include <signal.h>
#include <stdio.h>

#include "variete-stall-probe.h"

#define HEARTBEAT_MS 5

typedef struct
{
  GApplication *application;
  char         *file;
  gboolean      exit_after_first_frame;
  gint64        installed_us;
  gint64        last_beat_us;
  gint64        first_frame_us;
  gint64        layout_done_us;
  gint64        longest_before_us;  /* until the first frame */
  gint64        longest_after_us;   /* after it, the whole run */
  gint64        longest_mark_us;    /* after it, since the last mark */
  GdkFrameClock *frame_clock;
  gulong        after_paint_id;
  gulong        layout_id;
  gulong        activate_id;
  gulong        window_added_id;
  guint         heartbeat_id;
  guint         signal_ids[3];
} Probe;

static Probe probe;

static void
probe_write (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static void
probe_write (const char *format,
             ...)
{
  va_list args;
  FILE *out;

  if (probe.file == NULL)
    return;

  out = fopen (probe.file, "a");
  if (out == NULL)
    return;

  va_start (args, format);
  vfprintf (out, format, args);
  va_end (args);
  fputc ('\n', out);
  fclose (out);
}

static gboolean
heartbeat_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - probe.last_beat_us;

  if (probe.first_frame_us == 0)
    probe.longest_before_us = MAX (probe.longest_before_us, gap);
  else
    {
      /* The gap that contains the first frame counts only from it. */
      gap = now - MAX (probe.last_beat_us, probe.first_frame_us);
      probe.longest_after_us = MAX (probe.longest_after_us, gap);
      probe.longest_mark_us = MAX (probe.longest_mark_us, gap);
    }

  probe.last_beat_us = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  if (probe.application != NULL)
    g_application_quit (probe.application);

  return G_SOURCE_REMOVE;
}

static gboolean
signal_quit_cb (gpointer user_data)
{
  quit_cb (NULL);

  return G_SOURCE_CONTINUE;
}

static gboolean
mark_cb (gpointer user_data)
{
  /* Count the stretch up to now, in case the loop was held until this very callback. */
  heartbeat_cb (NULL);
  probe_write ("mark-longest-stall-ms=%.1f", probe.longest_mark_us / 1000.0);
  g_printerr ("variete-stall-probe: longest main-loop stall since the last mark: %.1f ms\n",
              probe.longest_mark_us / 1000.0);
  probe.longest_mark_us = 0;

  return G_SOURCE_CONTINUE;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  probe.first_frame_us = g_get_monotonic_time ();

  g_clear_signal_handler (&probe.after_paint_id, probe.frame_clock);
  g_clear_signal_handler (&probe.layout_id, probe.frame_clock);
  g_clear_object (&probe.frame_clock);

  probe_write ("layout-done-us=%" G_GINT64_FORMAT, probe.layout_done_us);
  probe_write ("first-frame-us=%" G_GINT64_FORMAT, probe.first_frame_us);
  g_printerr ("variete-stall-probe: first frame painted %.1f ms after start-up\n",
              (probe.first_frame_us - probe.installed_us) / 1000.0);

  if (probe.exit_after_first_frame)
    g_idle_add (quit_cb, NULL);
}

/* After GTK's own handler: the layout phase can run more than once a frame, the last one counts. */
static void
layout_done_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  probe.layout_done_us = g_get_monotonic_time ();
}

static void
window_realized_cb (GtkWidget *window,
                    gpointer   user_data)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_handlers_disconnect_by_func (window, window_realized_cb, user_data);

  if (probe.first_frame_us != 0 || probe.frame_clock != NULL || frame_clock == NULL)
    return;

  probe_write ("realized-us=%" G_GINT64_FORMAT, g_get_monotonic_time ());
  probe.frame_clock = g_object_ref (frame_clock);
  probe.layout_id = g_signal_connect_after (frame_clock, "layout",
                                            G_CALLBACK (layout_done_cb), NULL);
  probe.after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                           G_CALLBACK (after_paint_cb), NULL);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  g_clear_signal_handler (&probe.window_added_id, application);
  probe_write ("window-added-us=%" G_GINT64_FORMAT, g_get_monotonic_time ());

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized_cb (GTK_WIDGET (window), NULL);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
}

/* Before the class handler, which builds the window. */
static void
activate_cb (GApplication *application,
             gpointer      user_data)
{
  g_clear_signal_handler (&probe.activate_id, application);
  probe_write ("activate-us=%" G_GINT64_FORMAT, g_get_monotonic_time ());
}

static void
shutdown_cb (GApplication *application,
             gpointer      user_data)
{
  gint64 now = g_get_monotonic_time ();

  heartbeat_cb (NULL);

  probe_write ("longest-stall-ms=%.1f", probe.longest_after_us / 1000.0);
  probe_write ("longest-stall-before-first-frame-ms=%.1f", probe.longest_before_us / 1000.0);
  probe_write ("quit-us=%" G_GINT64_FORMAT, now);
  g_printerr ("variete-stall-probe: longest main-loop stall %.1f ms after the first frame "
              "(%.1f ms before it), %d ms heartbeat\n",
              probe.longest_after_us / 1000.0, probe.longest_before_us / 1000.0, HEARTBEAT_MS);

  g_clear_handle_id (&probe.heartbeat_id, g_source_remove);
  for (guint i = 0; i < G_N_ELEMENTS (probe.signal_ids); i++)
    g_clear_handle_id (&probe.signal_ids[i], g_source_remove);
  if (probe.frame_clock != NULL)
    {
      g_clear_signal_handler (&probe.after_paint_id, probe.frame_clock);
      g_clear_signal_handler (&probe.layout_id, probe.frame_clock);
    }
  g_clear_signal_handler (&probe.activate_id, application);
  g_clear_object (&probe.frame_clock);
  g_clear_pointer (&probe.file, g_free);
  g_clear_weak_pointer (&probe.application);
}

static gboolean
env_is_set (const char *name)
{
  const char *value = g_getenv (name);

  return value != NULL && value[0] != '\0' && !g_str_equal (value, "0");
}

void
variete_stall_probe_install (GApplication *application)
{
  g_return_if_fail (G_IS_APPLICATION (application));

  probe.exit_after_first_frame = env_is_set ("VARIETE_BENCH_EXIT_AFTER_FIRST_FRAME");
  if (!env_is_set ("VARIETE_STALL_PROBE") && !env_is_set ("VARIETE_STALL_PROBE_FILE") &&
      !probe.exit_after_first_frame)
    return;

  if (probe.application != NULL)
    return;

  g_set_weak_pointer (&probe.application, application);

  if (env_is_set ("VARIETE_STALL_PROBE_FILE"))
    {
      FILE *out;

      probe.file = g_strdup (g_getenv ("VARIETE_STALL_PROBE_FILE"));
      if ((out = fopen (probe.file, "w")) != NULL)
        fclose (out);
      else
        g_printerr ("variete-stall-probe: cannot write %s\n", probe.file);
    }

  probe.installed_us = probe.last_beat_us = g_get_monotonic_time ();
  probe.heartbeat_id = g_timeout_add (HEARTBEAT_MS, heartbeat_cb, NULL);
  g_source_set_name_by_id (probe.heartbeat_id, "[variete] stall probe");

  probe.signal_ids[0] = g_unix_signal_add (SIGTERM, signal_quit_cb, NULL);
  probe.signal_ids[1] = g_unix_signal_add (SIGINT, signal_quit_cb, NULL);
  probe.signal_ids[2] = g_unix_signal_add (SIGUSR1, mark_cb, NULL);

  if (GTK_IS_APPLICATION (application))
    probe.window_added_id = g_signal_connect (application, "window-added",
                                              G_CALLBACK (window_added_cb), NULL);
  probe.activate_id = g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  g_signal_connect (application, "shutdown", G_CALLBACK (shutdown_cb), NULL);
}
