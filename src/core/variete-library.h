/* variete-library.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "variete-client.h"
#include "variete-job.h"
#include "variete-request.h"

G_BEGIN_DECLS

/* The server deletes artworks and their images this many days after creating them (API.md). */
#define VARIETE_LIBRARY_RETENTION_DAYS 8

#define VARIETE_TYPE_LIBRARY (variete_library_get_type ())

G_DECLARE_FINAL_TYPE (VarieteLibrary, variete_library, VARIETE, LIBRARY, GObject)

/*
 * VarieteLibrary holds every job the app knows about: those submitted in this run and those
 * read back from the journals in @journal_dir. get_jobs() lists them newest first.
 *
 * Signals:
 *   "job-finished" (VarieteJob *job): a job reached a final state (succeeded, failed,
 *   abandoned, expired) while this library watched it. Emitted once for each time a job
 *   finishes; jobs loaded already final do not emit it.
 */

VarieteLibrary *variete_library_new           (const char          *journal_dir);
const char     *variete_library_get_journal_dir (VarieteLibrary    *self);
GListModel     *variete_library_get_jobs      (VarieteLibrary      *self);
VarieteClient  *variete_library_get_client    (VarieteLibrary      *self);
void            variete_library_set_client    (VarieteLibrary      *self,
                                               VarieteClient       *client);
double          variete_library_get_time_scale (VarieteLibrary     *self);
void            variete_library_set_time_scale (VarieteLibrary     *self,
                                               double               time_scale);

VarieteJob     *variete_library_submit        (VarieteLibrary      *self,
                                               VarieteClient       *client,
                                               VarieteRequest      *request,
                                               const char          *output_dir,
                                               const char          *source_name);

void            variete_library_load_async    (VarieteLibrary      *self,
                                               VarieteClient       *client,
                                               const char          *output_dir,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        variete_library_load_finish   (VarieteLibrary      *self,
                                               GAsyncResult        *result,
                                               GError             **error);

void            variete_library_delete_async  (VarieteLibrary      *self,
                                               VarieteJob          *job,
                                               gboolean             delete_files,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean        variete_library_delete_finish (VarieteLibrary      *self,
                                               GAsyncResult        *result,
                                               GError             **error);

GDateTime      *variete_library_dup_created_at (VarieteJob         *job);
int             variete_library_days_left     (VarieteJob          *job,
                                               GDateTime           *now);

/* What VarieteJob knows but does not say in its own API; a job read back from its journal has
 * no artwork, so these are the way to its result URLs. */
guint           variete_library_get_n_results (VarieteJob          *job);
const char     *variete_library_get_result_url (VarieteJob         *job,
                                               guint                index);
GFile          *variete_library_get_saved_result (VarieteJob       *job,
                                               guint                index);

G_END_DECLS
