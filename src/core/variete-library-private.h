/* variete-library-private.h
 *
 * The parts of VarieteLibrary shared by its files: the list and its watching in
 * variete-library.c, reading journals and deleting in variete-library-files.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "variete-library.h"

G_BEGIN_DECLS

struct _VarieteLibrary
{
  GObject        parent_instance;

  char          *journal_dir;
  VarieteClient *client;
  GListStore    *jobs;
  GHashTable    *watched;     /* VarieteJob → Watch */
  double         time_scale;
};

/* What the library remembers of a job it watches. */
typedef struct
{
  gulong   state_handler;
  gboolean final;
} Watch;

void     _variete_library_watch_job    (VarieteLibrary *self,
                                        VarieteJob     *job);
void     _variete_library_unwatch_job  (gpointer        key,
                                        gpointer        value,
                                        gpointer        user_data);
gboolean _variete_library_find_job     (VarieteLibrary *self,
                                        VarieteJob     *job,
                                        guint          *position);
gboolean _variete_library_has_journal  (VarieteLibrary *self,
                                        GFile          *journal_file);
int      _variete_library_compare_jobs (gconstpointer   a,
                                        gconstpointer   b,
                                        gpointer        user_data);

G_END_DECLS
