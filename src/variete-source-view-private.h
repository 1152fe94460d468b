/* variete-source-view-private.h
 *
 * What the tests reach inside VarieteSourceView.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "variete-source-view.h"

G_BEGIN_DECLS

GtkDropTarget        *variete_source_view_get_drop_target  (VarieteSourceView *self);
GtkFileChooserNative *variete_source_view_get_file_chooser (VarieteSourceView *self);
/* The error shown, or NULL when none is. */
const char           *variete_source_view_get_error_text   (VarieteSourceView *self);
const char           *variete_source_view_get_summary_text (VarieteSourceView *self);
/* "empty", "loading" or "source". */
const char           *variete_source_view_get_page_name    (VarieteSourceView *self);

G_END_DECLS
