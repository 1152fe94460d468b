/* variete-history-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "variete-job.h"

G_BEGIN_DECLS

#define VARIETE_TYPE_HISTORY_ROW (variete_history_row_get_type ())

G_DECLARE_FINAL_TYPE (VarieteHistoryRow, variete_history_row, VARIETE, HISTORY_ROW, AdwActionRow)

/*
 * One job in the history: its first result, prompt, mode, state, age and how long the server
 * keeps it, with Restore, Resume, Open Folder and Delete.
 *
 * Signals:
 *   "restore" (VarieteRequest *request): the job's request, to copy into the form.
 *   "delete": the artist chose Delete…; the owner asks for confirmation.
 */

GtkWidget  *variete_history_row_new     (VarieteJob        *job);
VarieteJob *variete_history_row_get_job (VarieteHistoryRow *self);
void        variete_history_row_update  (VarieteHistoryRow *self,
                                         GDateTime         *now);

char       *variete_format_age          (GDateTime         *then,
                                         GDateTime         *now);
const char *variete_history_state_label (VarieteJob        *job);

G_END_DECLS
