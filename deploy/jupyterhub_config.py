"""JupyterHub on one machine serving *Activation Functions, Hands-On* to a class.

The layout follows The Littlest JupyterHub (TLJH): one Linux server, a hub environment, a separate
course environment for the learners' servers, systemd giving each learner a process of their own
with a memory and CPU cap, and everything listening on 127.0.0.1 behind a TLS reverse proxy.
``deploy/README.md`` says how to install it; run it as root with

    /opt/jupyterhub/bin/jupyterhub -f /srv/jupyterhub/jupyterhub_config.py

The classroom tests (``tests/classroom``) start a real hub with this very file and override only
what a test machine must change: the authenticator and the spawner (no systemd, no accounts, any
password), the ports and the paths (a temporary folder). The rest is what the tests exercise: the
nbgitpuller link logs a learner in, starts their server, clones or updates the course and opens
JupyterLab; only the learners the instructor added get in; a learner's server and the hub's API
refuse everyone else; and nothing listens beyond 127.0.0.1.
"""

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

# --- Where things live on the machine (the tests put them in a temporary folder) -----------------

STATE = "/srv/jupyterhub"  # the hub's database, cookie secret, proxy pid file and passwords
COURSE_ENVIRONMENT = "/opt/course"  # the learners' Python: requirements.txt + jupyterhub + nbgitpuller

c.JupyterHub.db_url = f"sqlite:///{STATE}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = f"{STATE}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = f"{STATE}/jupyterhub-proxy.pid"

# --- Network: nothing listens beyond 127.0.0.1 ----------------------------------------------------
# The proxy's public side, the hub, the proxy's API and every learner's server all stay on the
# loopback interface; a reverse proxy that terminates TLS (Caddy, nginx) forwards
# https://hub.example.edu to 127.0.0.1:8000, websockets included.

c.JupyterHub.bind_url = "http://127.0.0.1:8000"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:8081"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:8001"
c.Spawner.ip = "127.0.0.1"

# --- Who may log in: the instructor, and the learners the instructor added -------------------------
# TLJH's first-use authenticator: a learner chooses a password at the first login. Only the names
# the instructor added (admin page, or POST /hub/api/users) may log in; nobody can sign up alone.

c.JupyterHub.authenticator_class = "firstuseauthenticator.FirstUseAuthenticator"
c.FirstUseAuthenticator.create_users = False
c.FirstUseAuthenticator.dbm_path = f"{STATE}/passwords.dbm"
c.Authenticator.admin_users = {"instructor"}
c.Authenticator.allow_all = False
c.Authenticator.allow_existing_users = True

# --- Each learner's server -----------------------------------------------------------------------
# systemd runs each server as a user of its own (its home persists in /var/lib/<name>), with its
# own /tmp, no devices, and a cap on memory and CPU, so one runaway kernel cannot stall the class.

c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
c.SystemdSpawner.dynamic_users = True
c.SystemdSpawner.isolate_tmp = True
c.SystemdSpawner.isolate_devices = True
c.Spawner.mem_limit = "2G"
c.Spawner.cpu_limit = 1.0
c.Spawner.cmd = [f"{COURSE_ENVIRONMENT}/bin/jupyterhub-singleuser"]

c.Spawner.default_url = "/lab"
# A class logs in at once: on 2 cores, 20 servers starting together need more than the default
# 60 s to start and 30 s to answer (the README of deploy/ gives the measured times).
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 180
