/* bare-window.c
 *
 * The reference for the start-up benchmark (bench/bench-startup.c): an AdwApplication that shows
 * an empty AdwApplicationWindow of the size Variete opens at, with the same stall probe
 * (src/variete-stall-probe.c, compiled in) so that both report their first frame the same way.
 * Like Variete, it is a unique application on the session bus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "variete-stall-probe.h"

/* Variete's default window size (data/io.github.variete.Variete.gschema.xml). */
#define WIDTH 1100
#define HEIGHT 760

static void
activate_cb (GApplication *application,
             gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (application)));
      gtk_window_set_title (window, "Bare libadwaita window");
      gtk_window_set_default_size (window, WIDTH, HEIGHT);
    }

  gtk_window_present (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("io.github.variete.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  /* The probe first: its activate handler notes the time before this one builds the window. */
  variete_stall_probe_install (G_APPLICATION (app));
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
