/* variete-job-private.h
 *
 * The parts of VarieteJob that are split across files: the object and its API live in
 * variete-job.c, the state machine in variete-job-steps.c, the journal in
 * variete-job-journal.c, and the writing of results and of the sidecar in variete-job-save.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "variete-job.h"

G_BEGIN_DECLS

/* Files are written under a temporary name starting so, in the folder of their own name, and
 * renamed when complete: a full or read-only folder never keeps half a file. */
#define VARIETE_JOB_TEMP_PREFIX ".variete-"

/* The journal format; a journal of a newer version is refused rather than misread. */
#define VARIETE_JOB_JOURNAL_VERSION 1

/* Steps that run to completion even when the job is cancelled, because stopping them halfway
 * would lose something: a create the server may already have taken, the journal write that
 * records its id, a result being written. Their continuations look at the state to decide
 * whether to go on. Network reads and timers, on the other hand, are cancelled at once. */
typedef enum
{
  JOB_PENDING_NONE,
  JOB_PENDING_CREATE,
  JOB_PENDING_JOURNAL,
  JOB_PENDING_SAVE,
} JobPending;

typedef void (*JobJournalDone) (VarieteJob *self);

typedef struct
{
  GBytes *bytes;
  char   *content_type;
} JobDownload;

void _variete_job_download_free (gpointer data);

struct _VarieteJob
{
  GObject               parent_instance;

  VarieteClient        *client;
  VarieteRequest       *request;
  GMainContext         *context;
  GCancellable         *cancellable;     /* network requests of the current run */
  GSource              *timer;           /* the next request */

  char                 *journal_dir;
  char                 *output_dir;
  GFile                *journal_file;    /* NULL until the artwork id is known */
  char                 *source_name;

  VarieteJobState       state;
  GError               *error;
  char                 *artwork_id;
  VarieteArtwork       *artwork;
  VarieteArtworkStatus  status;          /* the last status the server gave */
  GStrv                 result_urls;     /* once the server says "succeeded" */
  double                duration;        /* the server's, in its own units */
  GDateTime            *started_at;
  GDateTime            *server_created_at;
  GPtrArray            *saved;           /* GFile or NULL, one per result URL */
  GListStore           *results;         /* the saved GFiles, in the order of the results */
  GFile                *sidecar;
  GPtrArray            *downloads;       /* JobDownload or NULL, one per result URL: fetched
                                          * but not yet saved, so that a save that failed is
                                          * tried again without fetching again */
  GFileMonitor         *folder_monitor;  /* the output folder, while a save waits for it */

  gint64                next_request_at; /* monotonic µs, 0 when nothing is scheduled */
  gint64                polling_since;   /* monotonic µs */
  gint64                failing_since;   /* monotonic µs, 0 while requests go well */
  guint                 n_failures;
  double                time_scale;
  guint                 retry_budget;    /* seconds */

  JobPending            pending;
  guint                 finishing : 1;   /* the last journal write before SUCCEEDED */
  guint                 links_stale : 1; /* a result link was refused: fetch the artwork
                                          * again for fresh ones before the next download */

  /* Journal writes never overlap: a change made during a write is written after it. */
  guint                 journal_writing : 1;
  guint                 journal_dirty : 1;
  GPtrArray            *journal_waiters;       /* JobJournalDone, for the write under way */
  GPtrArray            *journal_next_waiters;  /* JobJournalDone, for the next one */
};

/* variete-job.c: changes that notify */
void         _variete_job_set_state          (VarieteJob      *self,
                                              VarieteJobState  state);
void         _variete_job_set_error          (VarieteJob      *self,
                                              GError          *error);
void         _variete_job_set_next_request_at (VarieteJob     *self,
                                              gint64           next_request_at);
void         _variete_job_set_artwork        (VarieteJob      *self,
                                              VarieteArtwork  *artwork);
void         _variete_job_add_saved_result   (VarieteJob      *self,
                                              guint            index,
                                              GFile           *file,
                                              gboolean         emit);

/* variete-job-steps.c */
void         _variete_job_run                (VarieteJob      *self);
void         _variete_job_stop               (VarieteJob      *self,
                                              VarieteJobState  state,
                                              GError          *error);
void         _variete_job_try_now            (VarieteJob      *self);
void         _variete_job_clear_timer        (VarieteJob      *self);
void         _variete_job_stop_watching_folder (VarieteJob    *self);

/* variete-job-journal.c */
char        *_variete_job_dup_safe_id        (const char      *artwork_id);
JsonNode    *_variete_job_dup_request_json   (VarieteJob      *self);
void         _variete_job_save_journal       (VarieteJob      *self,
                                              JobJournalDone   done);
gboolean     _variete_job_load_journal       (VarieteJob      *self,
                                              GBytes          *contents,
                                              gboolean         use_output_dir,
                                              GError         **error);

/* variete-job-save.c */
void         _variete_job_write_file_async   (VarieteJob          *self,
                                              GFile               *file,
                                              GBytes              *bytes,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     _variete_job_write_file_finish  (GAsyncResult        *result,
                                              GError             **error);
void         _variete_job_save_result_async  (VarieteJob          *self,
                                              guint                index,
                                              GBytes              *bytes,
                                              const char          *content_type,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
void         _variete_job_save_sidecar_async (VarieteJob          *self,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GFile       *_variete_job_save_finish        (GAsyncResult        *result,
                                              guint               *index,
                                              GError             **error);

G_END_DECLS
