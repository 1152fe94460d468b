/* variete-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "variete-form.h"
#include "variete-onboarding.h"
#include "variete-job.h"
#include "variete-results-view.h"
#include "variete-source-view.h"
#include "variete-window.h"

G_BEGIN_DECLS

/* Below this width the form and the canvas stack instead of standing side by side. */
#define NARROW_WIDTH 860

struct _VarieteWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  GFile                *source_file;
  VarieteRequest       *request;
  guint                 layout_idle_id;
  gboolean              narrow;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkMenuButton        *primary_menu_button;
  GMenuModel           *primary_menu;
  VarieteOnboarding    *onboarding;
  GtkRevealer          *demo_banner;
  GtkBox               *content_box;
  GtkScrolledWindow    *form_scroller;
  GtkBox               *form_column;
  GtkSeparator         *content_separator;
  GtkBox               *canvas_box;
  VarieteForm          *form;
  VarieteSourceView    *source_view;
  GtkButton            *generate_button;
  GtkButton            *open_button;
  GtkButton            *cancel_button;
  VarieteResultsView   *results_view;

  /* The job this window shows, and the handler watching its state. */
  VarieteJob           *job;
  gulong                job_state_handler;
};

void variete_window_set_action_enabled   (VarieteWindow *self,
                                         const char    *name,
                                         gboolean       enabled);
void variete_window_update_generate     (VarieteWindow *self);
void variete_window_add_actions         (VarieteWindow *self);
void variete_window_connection_changed  (VarieteWindow *self);
void variete_window_clear_job           (VarieteWindow *self);

G_END_DECLS
