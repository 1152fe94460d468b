/* variete-results-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-job.h"

G_BEGIN_DECLS

#define VARIETE_TYPE_RESULTS_VIEW (variete_results_view_get_type ())

G_DECLARE_FINAL_TYPE (VarieteResultsView, variete_results_view, VARIETE, RESULTS_VIEW, AdwBin)

/*
 * The source and the results of one job side by side, with the job's state in words.
 *
 * Signals:
 *   "use-as-source" (const char *url, GFile *file): the artist wants a result as the next
 *   source. @url is the result's address on the server (send it as imageUrl as it is), @file
 *   the copy saved on disk (may be NULL when only the URL is known).
 */

GtkWidget    *variete_results_view_new         (void);
VarieteJob   *variete_results_view_get_job     (VarieteResultsView *self);
void          variete_results_view_set_job     (VarieteResultsView *self,
                                                VarieteJob         *job);
void          variete_results_view_set_source  (VarieteResultsView *self,
                                                GdkPaintable       *source_thumbnail,
                                                const char         *label);
GdkPaintable *variete_results_view_get_source  (VarieteResultsView *self);
const char   *variete_results_view_get_status  (VarieteResultsView *self);

G_END_DECLS
