/* bench-common.h
 *
 * Helpers shared by the benchmark programs (header-only, like tests/variete-source-fixtures.h):
 * medians, a 5 ms main-loop heartbeat, the fake API server on a thread of its own (so that its
 * work never shows as a stall of the main loop being measured), the stall probe's file
 * (src/variete-stall-probe.c) and /proc figures.
 *
 * Every benchmark prints one line per figure on stdout:
 *   <name>: <ours> vs <reference> = <ratio>× (target ≤ <target>×) PASS|FAIL
 * and its details (every run) on stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "variete-fake-server.h"

#define BENCH_HEARTBEAT_MS 5
#define BENCH_TARGET_STALL_MS 50.0

static inline const char *
bench_verdict (gboolean pass)
{
  return pass ? "PASS" : "FAIL";
}

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static inline double
bench_median (const double *values,
              int           n)
{
  g_autofree double *sorted = NULL;

  if (n <= 0)
    return 0;

  sorted = g_memdup2 (values, sizeof (double) * n);
  qsort (sorted, n, sizeof (double), bench_compare_doubles);

  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static inline double
bench_max (const double *values,
           int           n)
{
  double max = 0;

  for (int i = 0; i < n; i++)
    max = MAX (max, values[i]);

  return max;
}

static inline void
bench_print_runs (const char   *label,
                  const char   *unit,
                  const double *values,
                  int           n)
{
  g_printerr ("  %-40s median %8.1f %s   runs:", label, bench_median (values, n), unit);
  for (int i = 0; i < n; i++)
    g_printerr (" %.1f", values[i]);
  g_printerr ("\n");
}

/* The heartbeat: a 5 ms timeout on the thread-default main context; the longest gap between two
 * beats, while measuring, is the longest stall. */

typedef struct
{
  GSource  *source;
  gint64    last_beat;
  gint64    longest_gap;
  gboolean  measuring;
} BenchHeartbeat;

static inline gboolean
bench_heartbeat_cb (gpointer data)
{
  BenchHeartbeat *heartbeat = data;
  gint64 now = g_get_monotonic_time ();

  if (heartbeat->measuring && heartbeat->last_beat != 0)
    heartbeat->longest_gap = MAX (heartbeat->longest_gap, now - heartbeat->last_beat);
  heartbeat->last_beat = now;

  return G_SOURCE_CONTINUE;
}

static inline void
bench_heartbeat_start (BenchHeartbeat *heartbeat)
{
  memset (heartbeat, 0, sizeof *heartbeat);
  heartbeat->source = g_timeout_source_new (BENCH_HEARTBEAT_MS);
  g_source_set_callback (heartbeat->source, bench_heartbeat_cb, heartbeat, NULL);
  g_source_attach (heartbeat->source, g_main_context_get_thread_default ());
}

static inline void
bench_heartbeat_measure (BenchHeartbeat *heartbeat,
                         gboolean        measuring)
{
  /* The stretch from the last beat to now counts too. */
  if (heartbeat->measuring && heartbeat->last_beat != 0)
    heartbeat->longest_gap = MAX (heartbeat->longest_gap,
                                  g_get_monotonic_time () - heartbeat->last_beat);
  heartbeat->measuring = measuring;
  heartbeat->last_beat = g_get_monotonic_time ();
}

static inline void
bench_heartbeat_stop (BenchHeartbeat *heartbeat)
{
  g_source_destroy (heartbeat->source);
  g_clear_pointer (&heartbeat->source, g_source_unref);
}

/* The fake API server on its own thread and main context. */

typedef struct
{
  GThread           *thread;
  GMainContext      *context;
  GMainLoop         *loop;
  VarieteFakeServer *server;
  char              *base_url;
  int                result_width;
  int                result_height;
  guint              polls_until_done;
  const char        *result_format;
  GMutex             mutex;
  GCond              cond;
  gboolean           ready;
} BenchServer;

static inline gpointer
bench_server_thread (gpointer data)
{
  BenchServer *self = data;
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_new ();
  GMainLoop *loop = g_main_loop_new (context, FALSE);
  VarieteFakeServer *server;

  g_main_context_push_thread_default (context);

  server = variete_fake_server_new (&error);
  if (server == NULL)
    g_error ("Cannot start the fake server: %s", error->message);
  variete_fake_server_set_result_size (server, self->result_width, self->result_height);
  variete_fake_server_set_polls_until_done (server, self->polls_until_done);
  if (self->result_format != NULL)
    variete_fake_server_set_result_format (server, self->result_format);

  g_mutex_lock (&self->mutex);
  self->context = context;
  self->loop = loop;
  self->server = server;
  self->base_url = g_strdup (variete_fake_server_get_base_url (server));
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  g_main_loop_run (loop);

  g_object_unref (server);
  g_main_context_pop_thread_default (context);
  g_main_loop_unref (loop);
  g_main_context_unref (context);

  return NULL;
}

/* @width × @height results (0 × 0: the size the request asks for), done after @polls GETs,
 * in @format (NULL: the server's default, PNG). */
static inline BenchServer *
bench_server_start (int         width,
                    int         height,
                    guint       polls,
                    const char *format)
{
  BenchServer *self = g_new0 (BenchServer, 1);

  self->result_width = width;
  self->result_height = height;
  self->polls_until_done = polls;
  self->result_format = format;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);

  self->thread = g_thread_new ("fake-server", bench_server_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->mutex);
  g_mutex_unlock (&self->mutex);

  return self;
}

static inline gboolean
bench_server_quit_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

static inline void
bench_server_stop (BenchServer *self)
{
  g_main_context_invoke (self->context, bench_server_quit_cb, self->loop);
  g_thread_join (self->thread);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self->base_url);
  g_free (self);
}

/* The stall probe's file: the last value of @key, or -1. */
static inline double
bench_probe_get (const char *path,
                 const char *key)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  double value = -1;
  gsize key_len = strlen (key);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strncmp (lines[i], key, key_len) == 0 && lines[i][key_len] == '=')
        value = g_ascii_strtod (lines[i] + key_len + 1, NULL);
    }

  return value;
}

/* How many times the probe file has @key. */
static inline guint
bench_probe_count (const char *path,
                   const char *key)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gsize key_len = strlen (key);
  guint n = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += strncmp (lines[i], key, key_len) == 0 && lines[i][key_len] == '=';

  return n;
}

/* Waits (polling) until the probe file has @key, for at most @timeout_ms; returns its value or
 * -1. Keeps the thread-default main context running meanwhile. */
static inline double
bench_probe_wait (const char *path,
                  const char *key,
                  guint       timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  double value;

  while ((value = bench_probe_get (path, key)) < 0 && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5 * 1000);
    }

  return value;
}

/* A field of /proc/<pid>/status in kB ("VmRSS", "VmHWM"), or -1. */
static inline double
bench_proc_status_kb (GPid        pid,
                      const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strconcat (field, ":", NULL);
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return -1;

  line = strstr (contents, prefix);
  if (line == NULL)
    return -1;

  return g_ascii_strtod (line + strlen (prefix), NULL);
}

static inline void
bench_sleep_ms (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (MIN (10 * 1000, MAX (0, deadline - g_get_monotonic_time ())));
    }
}

static inline void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_remove (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      bench_remove_tree (child);
    }
  g_rmdir (path);
}
