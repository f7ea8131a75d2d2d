#include "queue/nats_queue.h"

#include <nats/nats.h>

#include <cctype>

namespace sitrep {
namespace {

Status NatsError(natsStatus s, jsErrCode jerr, const std::string& what) {
  const char* detail = nats_GetLastError(nullptr);
  std::string msg = what + ": " + natsStatus_GetText(s);
  if (detail && *detail) msg += " (" + std::string(detail) + ")";
  if (jerr) msg += " [JetStream error " + std::to_string(static_cast<int>(jerr)) + "]";
  return Status::IoError(msg);
}

natsMsg* Msg(const WorkItem& item) { return static_cast<natsMsg*>(item.msg.get()); }

}  // namespace

void WorkQueueOptions::SetName(const std::string& name) {
  stream = name;
  subject = name + ".docs";
  dead_stream = name + "_dead";
  dead_subject = name + ".dead";
  consumer = name + "_workers";
}

bool WorkQueueOptions::ValidName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_' && ch != '-') return false;
  return true;
}

struct WorkQueue::Impl {
  natsOptions* opts = nullptr;
  natsConnection* nc = nullptr;
  jsCtx* js = nullptr;
  natsSubscription* sub = nullptr;  // made on the first Fetch
  ~Impl() {
    if (sub) natsSubscription_Destroy(sub);
    if (js) jsCtx_Destroy(js);
    if (nc) {
      natsConnection_Close(nc);
      natsConnection_Destroy(nc);
    }
    if (opts) natsOptions_Destroy(opts);
  }
};

WorkQueue::WorkQueue(const WorkQueueOptions& o) : options_(o), impl_(new Impl) {}
WorkQueue::~WorkQueue() = default;

namespace {

Status EnsureStream(jsCtx* js, const std::string& name, const std::string& subject,
                    jsRetentionPolicy retention) {
  jsStreamInfo* si = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&si, js, name.c_str(), nullptr, &jerr);
  if (s == NATS_OK) {
    jsStreamInfo_Destroy(si);
    return Status::Ok();
  }
  if (s != NATS_NOT_FOUND) return NatsError(s, jerr, "cannot read stream " + name);
  jsStreamConfig cfg;
  jsStreamConfig_Init(&cfg);
  const char* subjects[] = {subject.c_str()};
  cfg.Name = name.c_str();
  cfg.Subjects = subjects;
  cfg.SubjectsLen = 1;
  cfg.Retention = retention;
  cfg.Storage = js_FileStorage;
  s = js_AddStream(&si, js, &cfg, nullptr, &jerr);
  if (s == NATS_OK) jsStreamInfo_Destroy(si);
  // Another process may have created it meanwhile.
  if (s != NATS_OK && jerr != JSStreamNameExistErr)
    return NatsError(s, jerr, "cannot create stream " + name);
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<WorkQueue>> WorkQueue::Connect(const WorkQueueOptions& o) {
  std::unique_ptr<WorkQueue> q(new WorkQueue(o));
  Impl& m = *q->impl_;
  natsStatus s = natsOptions_Create(&m.opts);
  if (s == NATS_OK) s = natsOptions_SetURL(m.opts, o.url.c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(m.opts, o.connect_timeout_ms);
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(m.opts, 30);
  if (s != NATS_OK) return NatsError(s, static_cast<jsErrCode>(0), "bad NATS address " + o.url);
  s = natsConnection_Connect(&m.nc, m.opts);
  if (s != NATS_OK)
    return NatsError(s, static_cast<jsErrCode>(0),
                     "cannot reach the NATS server at " + o.url +
                         " (is nats-server running with JetStream, -js?)");
  s = natsConnection_JetStream(&m.js, m.nc, nullptr);
  if (s != NATS_OK) return NatsError(s, static_cast<jsErrCode>(0), "JetStream unavailable");
  SITREP_RETURN_IF_ERROR(EnsureStream(m.js, o.stream, o.subject, js_WorkQueuePolicy));
  SITREP_RETURN_IF_ERROR(EnsureStream(m.js, o.dead_stream, o.dead_subject, js_LimitsPolicy));
  jsConsumerConfig cc;
  jsConsumerConfig_Init(&cc);
  cc.Durable = o.consumer.c_str();
  cc.AckPolicy = js_AckExplicit;
  cc.AckWait = static_cast<int64_t>(o.ack_wait_s) * 1000000000LL;
  cc.MaxDeliver = o.max_deliver;
  cc.FilterSubject = o.subject.c_str();
  cc.MaxAckPending = 10000;
  jsConsumerInfo* ci = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  s = js_AddConsumer(&ci, m.js, o.stream.c_str(), &cc, nullptr, &jerr);
  if (s == NATS_OK) jsConsumerInfo_Destroy(ci);
  if (s != NATS_OK && jerr != JSConsumerNameExistErr && jerr != JSConsumerExistingActiveErr)
    return NatsError(s, jerr, "cannot create the consumer " + o.consumer);
  return q;
}

Status WorkQueue::Publish(const std::string& msg_id, const std::string& data, bool* duplicate) {
  jsPubOptions po;
  jsPubOptions_Init(&po);
  po.MsgId = msg_id.c_str();
  jsPubAck* pa = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s = js_Publish(&pa, impl_->js, options_.subject.c_str(), data.data(),
                            static_cast<int>(data.size()), &po, &jerr);
  if (s != NATS_OK) return NatsError(s, jerr, "publish failed");
  if (duplicate) *duplicate = pa->Duplicate;
  jsPubAck_Destroy(pa);
  return Status::Ok();
}

Status WorkQueue::PublishDeadLetter(const std::string& data, const std::string& reason) {
  natsMsg* msg = nullptr;
  natsStatus s = natsMsg_Create(&msg, options_.dead_subject.c_str(), nullptr, data.data(),
                                static_cast<int>(data.size()));
  if (s == NATS_OK) s = natsMsgHeader_Set(msg, "Sitrep-Reason", reason.substr(0, 1000).c_str());
  jsPubAck* pa = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  if (s == NATS_OK) s = js_PublishMsg(&pa, impl_->js, msg, nullptr, &jerr);
  if (pa) jsPubAck_Destroy(pa);
  if (msg) natsMsg_Destroy(msg);
  if (s != NATS_OK) return NatsError(s, jerr, "cannot publish to " + options_.dead_subject);
  return Status::Ok();
}

StatusOr<std::vector<WorkItem>> WorkQueue::Fetch(int max, int timeout_ms) {
  jsErrCode jerr = static_cast<jsErrCode>(0);
  if (!impl_->sub) {
    jsSubOptions so;
    jsSubOptions_Init(&so);
    so.Stream = options_.stream.c_str();
    so.Consumer = options_.consumer.c_str();
    natsStatus s = js_PullSubscribe(&impl_->sub, impl_->js, options_.subject.c_str(),
                                    options_.consumer.c_str(), nullptr, &so, &jerr);
    if (s != NATS_OK) return NatsError(s, jerr, "cannot subscribe to " + options_.stream);
  }
  natsMsgList list{};
  natsStatus s = natsSubscription_Fetch(&list, impl_->sub, max, timeout_ms, &jerr);
  std::vector<WorkItem> out;
  if (s == NATS_TIMEOUT) return out;
  if (s != NATS_OK) return NatsError(s, jerr, "fetch failed");
  for (int i = 0; i < list.Count; ++i) {
    natsMsg* m = list.Msgs[i];
    list.Msgs[i] = nullptr;  // owned by the WorkItem from here
    WorkItem item;
    item.data.assign(natsMsg_GetData(m), natsMsg_GetDataLength(m));
    jsMsgMetaData* meta = nullptr;
    if (natsMsg_GetMetaData(&meta, m) == NATS_OK) {
      item.deliveries = meta->NumDelivered;
      jsMsgMetaData_Destroy(meta);
    }
    item.msg = std::shared_ptr<void>(m, [](void* p) { natsMsg_Destroy(static_cast<natsMsg*>(p)); });
    out.push_back(std::move(item));
  }
  natsMsgList_Destroy(&list);
  return out;
}

Status WorkQueue::Ack(const WorkItem& item) {
  // Not waiting for the server's confirmation: an acknowledgement lost on
  // the way means one redelivery, which the store makes a no-op.
  natsStatus s = natsMsg_Ack(Msg(item), nullptr);
  return s == NATS_OK ? Status::Ok()
                      : NatsError(s, static_cast<jsErrCode>(0), "acknowledgement failed");
}

Status WorkQueue::Term(const WorkItem& item) {
  natsStatus s = natsMsg_Term(Msg(item), nullptr);
  return s == NATS_OK ? Status::Ok() : NatsError(s, static_cast<jsErrCode>(0), "term failed");
}

Status WorkQueue::Nak(const WorkItem& item) {
  natsStatus s = natsMsg_Nak(Msg(item), nullptr);
  return s == NATS_OK ? Status::Ok() : NatsError(s, static_cast<jsErrCode>(0), "nak failed");
}

namespace {

StatusOr<uint64_t> StreamMessages(jsCtx* js, const std::string& name) {
  jsStreamInfo* si = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  natsStatus s = js_GetStreamInfo(&si, js, name.c_str(), nullptr, &jerr);
  if (s != NATS_OK) return NatsError(s, jerr, "cannot read stream " + name);
  uint64_t n = si->State.Msgs;
  jsStreamInfo_Destroy(si);
  return n;
}

}  // namespace

StatusOr<uint64_t> WorkQueue::Pending() { return StreamMessages(impl_->js, options_.stream); }
StatusOr<uint64_t> WorkQueue::DeadLetters() {
  return StreamMessages(impl_->js, options_.dead_stream);
}

}  // namespace sitrep
