/* bench-source.c
 *
 * Drop-to-thumbnail time for a 24-megapixel JPEG: variete_source_load_file_async() (the whole
 * pre-flight: header, decode at scale, fit to the API's area, encode, thumbnail) against
 * vipsthumbnail on the same file in the same run, median of N each, interleaved. Meanwhile a
 * heartbeat every 5 ms measures the longest stall of the main loop, which must stay responsive.
 *
 * Not a test: it prints its figures and a verdict against the targets (ratio ≤ 1.0, no stall
 * over 50 ms). bench/run-source builds and runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "variete-source.h"
#include "variete-source-fixtures.h"

#define HEARTBEAT_MS 5
#define TARGET_RATIO 1.0
#define TARGET_STALL_MS 50.0

static gint64 last_beat;
static gint64 longest_gap;
static gboolean measuring;

static gboolean
heartbeat_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (measuring && last_beat != 0)
    longest_gap = MAX (longest_gap, now - last_beat);
  last_beat = now;

  return G_SOURCE_CONTINUE;
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VarieteSource **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = variete_source_load_finish (result, &error);
  if (*out == NULL)
    g_error ("pre-flight failed: %s", error->message);
}

static double
time_variete (GFile *file,
              int    size,
              char **summary)
{
  g_autoptr(VarieteSource) source = NULL;
  gint64 start;
  double elapsed;

  /* Let the heartbeat settle before each run. */
  for (int i = 0; i < 3; i++)
    g_main_context_iteration (NULL, TRUE);

  measuring = TRUE;
  last_beat = g_get_monotonic_time ();
  start = g_get_monotonic_time ();
  variete_source_load_file_async (file, size, NULL, load_done_cb, &source);
  while (source == NULL)
    g_main_context_iteration (NULL, TRUE);
  elapsed = (g_get_monotonic_time () - start) / 1000.0;
  measuring = FALSE;

  /* The last stretch, from the last beat to the result, counts as a stall too. */
  longest_gap = MAX (longest_gap, g_get_monotonic_time () - last_beat);

  if (summary != NULL && *summary == NULL)
    *summary = variete_source_dup_summary (source);

  return elapsed;
}

static double
time_vips (const char *vips,
           const char *path,
           const char *out_path,
           int         size)
{
  g_autofree char *size_arg = g_strdup_printf ("%d", size);
  const char *argv[] = { vips, path, "--size", size_arg, "-o", out_path, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;
  gint64 start = g_get_monotonic_time ();

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("vipsthumbnail failed: %s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        int     n)
{
  g_autofree double *sorted = g_memdup2 (values, sizeof (double) * n);

  qsort (sorted, n, sizeof (double), compare_doubles);

  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

static void
print_runs (const char *label,
            double     *values,
            int         n)
{
  printf ("%-44s median %7.1f ms   runs:", label, median (values, n));
  for (int i = 0; i < n; i++)
    printf (" %.1f", values[i]);
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) photo = NULL;
  g_autoptr(GBytes) jpeg = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *vips_out = NULL;
  g_autofree char *vips = NULL;
  g_autofree char *file_size = NULL;
  g_autofree char *summary = NULL;
  g_autofree double *ours = NULL;
  g_autofree double *theirs = NULL;
  int runs = 5;
  int size = 1024;
  int width = 6000;
  int height = 4000;
  char *input = NULL;
  double ratio, stall;
  gboolean pass;
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs of each (default 5)", "N" },
    { "size", 's', 0, G_OPTION_ARG_INT, &size,
      "Thumbnail size in pixels (default 1024, as the source view asks)", "PX" },
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input,
      "Use this JPEG instead of a generated 6000×4000 one", "FILE" },
    { NULL }
  };

  context = g_option_context_new ("— time source pre-flight against vipsthumbnail");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  runs = CLAMP (runs, 1, 50);

  vips = g_find_program_in_path ("vipsthumbnail");
  if (vips == NULL)
    {
      g_printerr ("vipsthumbnail is not installed (Debian: libvips-tools)\n");
      return 77;
    }

  tmp_dir = g_dir_make_tmp ("variete-bench-source-XXXXXX", &error);
  g_assert_no_error (error);
  vips_out = g_build_filename (tmp_dir, "vips-thumbnail.jpg", NULL);

  if (input != NULL)
    path = g_strdup (input);
  else
    {
      photo = fixture_photo_pixbuf (width, height);
      jpeg = fixture_save (photo, "jpeg");
      g_clear_object (&photo);
      path = g_build_filename (tmp_dir, "photo-24mp.jpg", NULL);
      g_file_set_contents (path, g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &error);
      g_assert_no_error (error);
    }
  file = g_file_new_for_path (path);

  {
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, &error);

    g_assert_no_error (error);
    file_size = g_format_size (g_file_info_get_size (info));
  }

  g_timeout_add (HEARTBEAT_MS, heartbeat_cb, NULL);

  /* One of each first, unmeasured, so that both start with the file in the page cache and
   * their libraries loaded. */
  time_vips (vips, path, vips_out, size);
  time_variete (file, size, &summary);
  longest_gap = 0;

  ours = g_new0 (double, runs);
  theirs = g_new0 (double, runs);
  for (int i = 0; i < runs; i++)
    {
      ours[i] = time_variete (file, size, NULL);
      theirs[i] = time_vips (vips, path, vips_out, size);
    }

  ratio = median (ours, runs) / median (theirs, runs);
  stall = longest_gap / 1000.0;
  pass = ratio <= TARGET_RATIO && stall <= TARGET_STALL_MS;

  printf ("bench-source: %s (%s), thumbnail %d px, %d runs each, interleaved\n",
          input ? input : "generated 6000×4000 JPEG", file_size, size, runs);
  printf ("pre-flight result: %s\n", summary);
  print_runs ("variete_source_load_file_async (in-process)", ours, runs);
  print_runs ("vipsthumbnail --size (whole process)", theirs, runs);
  printf ("ratio variete / vipsthumbnail: %.2f× (target ≤ %.1f×)\n", ratio, TARGET_RATIO);
  printf ("longest main-loop stall: %.1f ms with a %d ms heartbeat (target ≤ %.0f ms)\n",
          stall, HEARTBEAT_MS, TARGET_STALL_MS);
  printf ("verdict: %s\n", pass ? "PASS" : "MISS");

  fixture_remove_tree (tmp_dir);
  g_free (input);

  return 0;
}
