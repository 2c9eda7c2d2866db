#!/bin/bash
# Follows bundle/安装说明.md step by step in a fresh network namespace (only loopback) with the
# source tree hidden and /opt, /var/lib, /etc/systemd/system on tmpfs — how the guide was tried
# (issue 23). Needs root, nginx installed, and creates the system user nianbao. systemd does not
# run in a container: each `systemctl` step is done by hand with the unit's User, EnvironmentFile
# and ExecStart (noted where). Usage:
#   unshare -n -m --propagation private bash scripts/try-install-guide.sh dist/nianbao-<v>-linux-x64.tar.gz
set -euxo pipefail
TGZ=$(readlink -f "$1")
ip link set lo up
# The USB stick.
mkdir -p /media && mount -t tmpfs tmpfs /media
mkdir -p /media/U盘 && cp "$TGZ" /media/U盘/nianbao-0.1.0-linux-x64.tar.gz
mount -t tmpfs -o ro tmpfs "$(cd "$(dirname "$0")/.." && pwd)"
mount -t tmpfs tmpfs /opt
mount -t tmpfs tmpfs /var/lib
mkdir -p /var/lib/dpkg /var/lib/nginx   # nginx's own state dir
mount -t tmpfs tmpfs /etc/systemd/system 2>/dev/null || true
# 一
mkdir -p /opt/nianbao
cp /media/U盘/nianbao-0.1.0-linux-x64.tar.gz /opt/nianbao/
cd /opt/nianbao
tar xzf nianbao-0.1.0-linux-x64.tar.gz
ln -sfn /opt/nianbao/nianbao-0.1.0 /opt/nianbao/current
/opt/nianbao/current/bin/nianbao version
# 二
id nianbao || useradd --system --home-dir /var/lib/nianbao --shell /usr/sbin/nologin nianbao
mkdir -p /etc/nianbao
cat > /etc/nianbao/nianbao.env <<'EOT'
# 不创建演示单位和演示账号（正式使用）
NIANBAO_DEMO=0
# 应用只在本机 3000 端口监听，由 nginx 对外提供服务
PORT=3000
HOSTNAME=127.0.0.1
# 前面有一层 nginx
NIANBAO_TRUST_PROXY=1
# 使用 PostgreSQL 服务器时取消下一行的注释（默认使用内置数据库，数据在 /var/lib/nianbao）
# DATABASE_URL=postgres://nianbao:密码@127.0.0.1:5432/nianbao
EOT
chmod 640 /etc/nianbao/nianbao.env
chgrp nianbao /etc/nianbao/nianbao.env
# 三 (systemctl enable --now nianbao, by hand: StateDirectory, User, EnvironmentFile, ExecStart)
cp /opt/nianbao/current/systemd/nianbao.service /opt/nianbao/current/systemd/nianbao-backup.service /opt/nianbao/current/systemd/nianbao-backup.timer /etc/systemd/system/
systemd-analyze verify /etc/systemd/system/nianbao.service /etc/systemd/system/nianbao-backup.service /etc/systemd/system/nianbao-backup.timer
install -d -o nianbao -g nianbao -m 0750 /var/lib/nianbao
start_service() {
  ( cd /var/lib/nianbao && exec runuser -u nianbao -- env NIANBAO_DATA_DIR=/var/lib/nianbao PORT=3000 HOSTNAME=127.0.0.1 NIANBAO_TRUST_PROXY=1 HOME=/var/lib/nianbao \
      $(grep -v '^#' /etc/nianbao/nianbao.env | xargs) /opt/nianbao/current/bin/nianbao start ) < /dev/null >> /tmp/guide-service.log 2>&1 &
  echo $! > /tmp/guide-service.pid
  for _ in $(seq 1 300); do curl -sf http://127.0.0.1:3000/healthz && return 0; sleep 0.2; done
  return 1
}
stop_service() { kill "$(cat /tmp/guide-service.pid)"; while kill -0 "$(cat /tmp/guide-service.pid)" 2>/dev/null; do sleep 0.2; done; }
start_service
echo
curl http://127.0.0.1:3000/healthz; echo
# 四 (systemctl stop / start by hand)
stop_service
cd /var/lib/nianbao
printf 'Guide-Test-2026\nGuide-Test-2026\n' | runuser -u nianbao -- env $(grep -v '^#' /etc/nianbao/nianbao.env | xargs) NIANBAO_DATA_DIR=/var/lib/nianbao \
  /opt/nianbao/current/bin/nianbao admin create --agency 文峰区 --username admin --name 区政务公开办管理员
start_service
# 五
mkdir -p /etc/nginx/conf.d
cat > /etc/nginx/conf.d/nianbao.conf <<'EOT'
upstream nianbao {
    server 127.0.0.1:3000;
    keepalive 32;
}
server {
    listen 80;
    server_name nianbao.example.gov.cn;     # 改为本单位的域名或 IP
    client_max_body_size 21m;               # 导入的文件最大 20 MB
    location / {
        proxy_pass http://nianbao;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;   # 与 NIANBAO_TRUST_PROXY=1 对应
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_read_timeout 300s;            # 辖区报告打包下载可能持续数分钟
        proxy_buffering off;
    }
}
EOT
rm -f /etc/nginx/sites-enabled/default
nginx -t
nginx   # systemctl reload nginx: nginx is not running yet in this namespace
curl -sf -H 'Host: nianbao.example.gov.cn' http://127.0.0.1/healthz; echo
curl -s -o /dev/null -w '%{http_code} /login through nginx\n' -H 'Host: nianbao.example.gov.cn' http://127.0.0.1/login
# 六 (systemctl start nianbao-backup: ExecStartPre stop, ExecStart, ExecStopPost start)
stop_service
( cd /var/lib/nianbao && runuser -u nianbao -- env NIANBAO_DATA_DIR=/var/lib/nianbao NIANBAO_BACKUP_KEEP=14 $(grep -v '^#' /etc/nianbao/nianbao.env | xargs) \
    /opt/nianbao/current/bin/nianbao backup --keep 14 )
start_service
ls -la /var/lib/nianbao/backups/
# 七: restore on a "new server": a second data folder
stop_service
mkdir -p /tmp/newserver && chown nianbao: /tmp/newserver
runuser -u nianbao -- env NIANBAO_DATA_DIR=/tmp/newserver NIANBAO_DEMO=0 /opt/nianbao/current/bin/nianbao restore /var/lib/nianbao/backups/$(ls /var/lib/nianbao/backups | head -1) --force
nginx -s stop
echo "GUIDE OK"
