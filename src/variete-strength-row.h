/* variete-strength-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VARIETE_TYPE_STRENGTH_ROW (variete_strength_row_get_type ())

G_DECLARE_FINAL_TYPE (VarieteStrengthRow, variete_strength_row, VARIETE, STRENGTH_ROW, AdwPreferencesRow)

GtkWidget  *variete_strength_row_new             (void);
int         variete_strength_row_get_value       (VarieteStrengthRow *self);
void        variete_strength_row_set_value       (VarieteStrengthRow *self,
                                                  int                 value);
const char *variete_strength_row_get_subtitle    (VarieteStrengthRow *self);
void        variete_strength_row_set_subtitle    (VarieteStrengthRow *self,
                                                  const char         *subtitle);
const char *variete_strength_row_get_start_label (VarieteStrengthRow *self);
void        variete_strength_row_set_start_label (VarieteStrengthRow *self,
                                                  const char         *start_label);
const char *variete_strength_row_get_end_label   (VarieteStrengthRow *self);
void        variete_strength_row_set_end_label   (VarieteStrengthRow *self,
                                                  const char         *end_label);
GtkWidget  *variete_strength_row_get_scale       (VarieteStrengthRow *self);
void        variete_strength_row_add_labels_to_size_group (VarieteStrengthRow *self,
                                                           GtkSizeGroup       *group);

G_END_DECLS
