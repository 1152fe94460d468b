/* variete-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "variete-artwork.h"
#include "variete-client.h"
#include "variete-request.h"

G_BEGIN_DECLS

#define VARIETE_JOB_ERROR (variete_job_error_quark ())

/* Errors a job adds to those of VarieteClient (which it keeps as they are when they are the
 * reason a job stopped: BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, INSECURE, NOT_FOUND). */
typedef enum
{
  VARIETE_JOB_ERROR_CREATE_UNCERTAIN,  /* the answer to the create was lost (5xx, timeout,
                                        * reset, garbage): the server may have taken the job
                                        * and its credits. Only an explicit retry re-sends it */
  VARIETE_JOB_ERROR_SERVER_FAILED,     /* the server says "failed" */
  VARIETE_JOB_ERROR_SERVER_CANCELED,   /* the server says "canceled" */
  VARIETE_JOB_ERROR_NO_RESULTS,        /* "succeeded" without a single result */
  VARIETE_JOB_ERROR_GAVE_UP,           /* the retry budget ran out; the message says why */
  VARIETE_JOB_ERROR_SAVE,              /* a result or the sidecar could not be written */
  VARIETE_JOB_ERROR_JOURNAL,           /* a journal that cannot be read back */
} VarieteJobError;

typedef enum
{
  VARIETE_JOB_STATE_NEW,          /* not started (also a job read back from an unfinished
                                   * journal: start() resumes it) */
  VARIETE_JOB_STATE_SUBMITTING,   /* sending the create, and writing the journal after it */
  VARIETE_JOB_STATE_QUEUED,       /* the server says "starting" */
  VARIETE_JOB_STATE_PROCESSING,   /* the server says "processing" */
  VARIETE_JOB_STATE_WAITING,      /* a request failed and will be tried again: "error" says
                                   * why, "next-request-at" when */
  VARIETE_JOB_STATE_DOWNLOADING,  /* fetching a result */
  VARIETE_JOB_STATE_SAVING,       /* writing a result or the sidecar */
  VARIETE_JOB_STATE_SUCCEEDED,    /* every result, the sidecar and the journal are on disk */
  VARIETE_JOB_STATE_FAILED,       /* "error" says why; see "can-retry" */
  VARIETE_JOB_STATE_ABANDONED,    /* cancelled here; retry() resumes it */
  VARIETE_JOB_STATE_EXPIRED,      /* the server forgot the artwork (404, 8-day retention) */
} VarieteJobState;

#define VARIETE_TYPE_JOB_STATE (variete_job_state_get_type ())
#define VARIETE_TYPE_JOB (variete_job_get_type ())

/*
 * VarieteJob takes one request from the create to result files on disk, on the thread-default
 * main context of its creator: submit → journal → poll → download → save → done.
 *
 * - The journal, <journal dir>/<artwork id>.json, is written (atomically) right after the
 *   create, before the first poll, and again whenever the status, the saved results or the
 *   final state change. variete_job_new_from_journal() reads it back after a crash or a quit.
 *   It holds the request (with its source, a data: URL perhaps) but never the API key.
 * - Results go to the output folder as <YYYY-MM-DD>-<first 8 of the id>-<n>.<png|jpg|webp>,
 *   with one <YYYY-MM-DD>-<first 8 of the id>.json sidecar. SUCCEEDED means every result, the
 *   sidecar and the journal saying so are on disk. Each result is saved once, even across a
 *   resume; a name taken by another file gets -2, -3 ….
 * - Polls are 2 s apart at first, 10 s for long jobs. Failed polls and downloads (429, 5xx,
 *   network, garbage) are tried again after Retry-After, or 2, 4, 8 … s (jitter, at most 60 s),
 *   for "retry-budget" seconds. A create is re-sent on its own only after a 429 or a refused
 *   connection; after anything that may have reached the server the job fails with
 *   VARIETE_JOB_ERROR_CREATE_UNCERTAIN and only variete_job_retry() sends it again.
 * - "time-scale" multiplies every delay, for tests.
 *
 * Every request or write in flight holds a reference on the job; the wait between two requests
 * holds none. Dropping the last reference therefore stops a job the way quitting the app does,
 * at its next wait: the journal stays as it was, ready to be resumed.
 */

G_DECLARE_FINAL_TYPE (VarieteJob, variete_job, VARIETE, JOB, GObject)

GType            variete_job_state_get_type        (void) G_GNUC_CONST;
GQuark           variete_job_error_quark           (void);
const char      *variete_job_state_to_string       (VarieteJobState   state);
VarieteJobState  variete_job_state_from_string     (const char       *string);
gboolean         variete_job_state_is_final        (VarieteJobState   state);

VarieteJob      *variete_job_new                   (VarieteClient    *client,
                                                    VarieteRequest   *request,
                                                    const char       *journal_dir,
                                                    const char       *output_dir);
VarieteJob      *variete_job_new_from_journal      (VarieteClient    *client,
                                                    GFile            *journal_file,
                                                    const char       *output_dir,
                                                    GError          **error);

void             variete_job_start                 (VarieteJob       *self);
void             variete_job_cancel                (VarieteJob       *self);
void             variete_job_retry                 (VarieteJob       *self);

VarieteJobState  variete_job_get_state             (VarieteJob       *self);
gboolean         variete_job_get_can_retry         (VarieteJob       *self);
const GError    *variete_job_get_error             (VarieteJob       *self);
const char      *variete_job_get_artwork_id        (VarieteJob       *self);
VarieteArtwork  *variete_job_get_artwork           (VarieteJob       *self);
VarieteRequest  *variete_job_get_request           (VarieteJob       *self);
VarieteClient   *variete_job_get_client            (VarieteJob       *self);
GDateTime       *variete_job_get_started_at        (VarieteJob       *self);
gint64           variete_job_get_next_request_at   (VarieteJob       *self);
gint64           variete_job_get_wait_ms           (VarieteJob       *self);
GListModel      *variete_job_get_results           (VarieteJob       *self);
GFile           *variete_job_get_sidecar_file      (VarieteJob       *self);
GFile           *variete_job_get_journal_file      (VarieteJob       *self);
const char      *variete_job_get_output_dir        (VarieteJob       *self);
const char      *variete_job_get_source_name       (VarieteJob       *self);
void             variete_job_set_source_name       (VarieteJob       *self,
                                                    const char       *source_name);
double           variete_job_get_time_scale        (VarieteJob       *self);
void             variete_job_set_time_scale        (VarieteJob       *self,
                                                    double            time_scale);
guint            variete_job_get_retry_budget      (VarieteJob       *self);
void             variete_job_set_retry_budget      (VarieteJob       *self,
                                                    guint             seconds);

G_END_DECLS
