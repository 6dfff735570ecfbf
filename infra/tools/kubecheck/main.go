// kubecheck validates gongkai's Kubernetes manifests offline, with no cluster
// and no downloaded JSON schemas: every document is decoded strictly into the
// official Go types (k8s.io/api, KEDA's v1alpha1 API), so a misspelt or
// misplaced field is an error, and the references between documents are
// checked (selectors, Secret/ConfigMap names, volumes, ports, scale targets,
// grace periods against the worker shutdown deadline).
//
//	cd infra/tools/kubecheck && go run . ../../kustomization.yaml
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	kedav1alpha1 "github.com/kedacore/keda/v2/apis/keda/v1alpha1"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/yaml"
)

type kustomization struct {
	APIVersion         string            `json:"apiVersion"`
	Kind               string            `json:"kind"`
	Namespace          string            `json:"namespace"`
	Labels             []json            `json:"labels"`
	Resources          []string          `json:"resources"`
	ConfigMapGenerator []configMapGen    `json:"configMapGenerator"`
	Images             []json            `json:"images"`
	CommonLabels       map[string]string `json:"commonLabels"`
}
type json = map[string]any
type configMapGen struct {
	Name    string   `json:"name"`
	Files   []string `json:"files"`
	Options json     `json:"options"`
}

type doc struct {
	file string
	kind string
	name string
	obj  any
}

var problems []string

func fail(format string, a ...any) { problems = append(problems, fmt.Sprintf(format, a...)) }

func decode(file string, raw []byte) []doc {
	var out []doc
	for i, part := range bytes.Split(raw, []byte("\n---")) {
		if len(bytes.TrimSpace(stripComments(part))) == 0 {
			continue
		}
		var head struct {
			APIVersion string `json:"apiVersion"`
			Kind       string `json:"kind"`
			Metadata   struct {
				Name string `json:"name"`
			} `json:"metadata"`
		}
		if err := yaml.Unmarshal(part, &head); err != nil {
			fail("%s #%d: not YAML: %v", file, i+1, err)
			continue
		}
		var obj any
		switch head.APIVersion + "/" + head.Kind {
		case "v1/Namespace":
			obj = &corev1.Namespace{}
		case "v1/ConfigMap":
			obj = &corev1.ConfigMap{}
		case "v1/Secret":
			obj = &corev1.Secret{}
		case "v1/Service":
			obj = &corev1.Service{}
		case "v1/PersistentVolumeClaim":
			obj = &corev1.PersistentVolumeClaim{}
		case "apps/v1/Deployment":
			obj = &appsv1.Deployment{}
		case "apps/v1/StatefulSet":
			obj = &appsv1.StatefulSet{}
		case "batch/v1/Job":
			obj = &batchv1.Job{}
		case "policy/v1/PodDisruptionBudget":
			obj = &policyv1.PodDisruptionBudget{}
		case "keda.sh/v1alpha1/ScaledObject":
			obj = &kedav1alpha1.ScaledObject{}
		default:
			fail("%s #%d: unknown kind %s %s", file, i+1, head.APIVersion, head.Kind)
			continue
		}
		if err := yaml.UnmarshalStrict(part, obj); err != nil {
			fail("%s: %s %s: %v", file, head.Kind, head.Metadata.Name, err)
			continue
		}
		if head.Metadata.Name == "" {
			fail("%s #%d: %s without metadata.name", file, i+1, head.Kind)
		}
		out = append(out, doc{file, head.Kind, head.Metadata.Name, obj})
	}
	return out
}

func stripComments(b []byte) []byte {
	var keep [][]byte
	for _, l := range bytes.Split(b, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimSpace(l), []byte("#")) {
			keep = append(keep, l)
		}
	}
	return bytes.Join(keep, []byte("\n"))
}

type workload struct {
	name     string
	template corev1.PodTemplateSpec
	selector map[string]string
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: kubecheck path/to/kustomization.yaml")
		os.Exit(2)
	}
	root := filepath.Dir(os.Args[1])
	raw, err := os.ReadFile(os.Args[1])
	must(err)
	var k kustomization
	if err := yaml.UnmarshalStrict(raw, &k); err != nil {
		fail("kustomization: %v", err)
	}
	configMaps, secrets := map[string]map[string]string{}, map[string]bool{}
	for _, g := range k.ConfigMapGenerator {
		configMaps[g.Name] = map[string]string{}
		for _, f := range g.Files {
			if _, err := os.Stat(filepath.Join(root, f)); err != nil {
				fail("configMapGenerator %s: %v", g.Name, err)
			}
			configMaps[g.Name][filepath.Base(f)] = ""
		}
	}
	var docs []doc
	for _, r := range k.Resources {
		b, err := os.ReadFile(filepath.Join(root, r))
		if err != nil {
			fail("resource %s: %v", r, err)
			continue
		}
		docs = append(docs, decode(r, b)...)
	}
	counts := map[string]int{}
	var workloads []workload
	deployments := map[string]bool{}
	for _, d := range docs {
		counts[d.kind]++
		switch o := d.obj.(type) {
		case *corev1.ConfigMap:
			configMaps[d.name] = o.Data
		case *corev1.Secret:
			secrets[d.name] = true
		case *appsv1.Deployment:
			deployments[d.name] = true
			workloads = append(workloads, workload{d.name, o.Spec.Template, o.Spec.Selector.MatchLabels})
		case *appsv1.StatefulSet:
			workloads = append(workloads, workload{d.name, o.Spec.Template, o.Spec.Selector.MatchLabels})
		case *batchv1.Job:
			workloads = append(workloads, workload{d.name, o.Spec.Template, nil})
		}
	}
	shutdownMs, _ := strconv.Atoi(configMaps["gongkai-config"]["GONGKAI_SHUTDOWN_MS"])
	if shutdownMs == 0 {
		fail("gongkai-config: GONGKAI_SHUTDOWN_MS missing")
	}
	for _, w := range workloads {
		checkPod(w, configMaps, secrets, shutdownMs)
	}
	for _, d := range docs {
		switch o := d.obj.(type) {
		case *policyv1.PodDisruptionBudget:
			if n := matching(workloads, o.Spec.Selector.MatchLabels); n == 0 {
				fail("PodDisruptionBudget %s selects no workload", d.name)
			}
			if (o.Spec.MinAvailable == nil) == (o.Spec.MaxUnavailable == nil) {
				fail("PodDisruptionBudget %s: set exactly one of minAvailable, maxUnavailable", d.name)
			}
		case *corev1.Service:
			checkService(d.name, o, workloads)
		case *kedav1alpha1.ScaledObject:
			if !deployments[o.Spec.ScaleTargetRef.Name] {
				fail("ScaledObject %s: no Deployment %s", d.name, o.Spec.ScaleTargetRef.Name)
			}
			for _, t := range o.Spec.Triggers {
				if t.Type != "prometheus" || t.Metadata["serverAddress"] == "" || !strings.Contains(t.Metadata["query"], "gongkai_queue_jobs") {
					fail("ScaledObject %s: expected a prometheus trigger on gongkai_queue_jobs", d.name)
				}
				if _, err := strconv.ParseFloat(t.Metadata["threshold"], 64); err != nil {
					fail("ScaledObject %s: threshold %q is not a number", d.name, t.Metadata["threshold"])
				}
			}
		}
	}
	fmt.Printf("%d documents from %d files:", len(docs), len(k.Resources))
	for kind, n := range counts {
		fmt.Printf(" %s=%d", kind, n)
	}
	fmt.Println()
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Println("PROBLEM:", p)
		}
		os.Exit(1)
	}
	fmt.Println("ok: strict decoding and cross-references passed")
}

func matching(ws []workload, sel map[string]string) int {
	n := 0
	for _, w := range ws {
		if len(sel) > 0 && labels.SelectorFromSet(sel).Matches(labels.Set(w.template.Labels)) {
			n++
		}
	}
	return n
}

func checkPod(w workload, configMaps map[string]map[string]string, secrets map[string]bool, shutdownMs int) {
	if w.selector != nil && !labels.SelectorFromSet(w.selector).Matches(labels.Set(w.template.Labels)) {
		fail("%s: selector does not match the pod template labels", w.name)
	}
	spec := w.template.Spec
	vols := map[string]bool{}
	for _, v := range spec.Volumes {
		vols[v.Name] = true
		if v.ConfigMap != nil && configMaps[v.ConfigMap.Name] == nil {
			fail("%s: volume %s: no ConfigMap %s", w.name, v.Name, v.ConfigMap.Name)
		}
	}
	gongkai := false
	for _, c := range spec.Containers {
		if c.Image == "" {
			fail("%s/%s: no image", w.name, c.Name)
		}
		if c.Resources.Requests.Memory().IsZero() {
			fail("%s/%s: no memory request", w.name, c.Name)
		}
		for _, m := range c.VolumeMounts {
			if !vols[m.Name] {
				if _, claim := claimTemplate(m.Name); !claim {
					fail("%s/%s: mount %s has no volume", w.name, c.Name, m.Name)
				}
			}
		}
		for _, e := range c.EnvFrom {
			if e.ConfigMapRef != nil && configMaps[e.ConfigMapRef.Name] == nil {
				fail("%s/%s: no ConfigMap %s", w.name, c.Name, e.ConfigMapRef.Name)
			}
			if e.SecretRef != nil && !secrets[e.SecretRef.Name] {
				fail("%s/%s: no Secret %s", w.name, c.Name, e.SecretRef.Name)
			}
		}
		if c.Image == "gongkai" {
			gongkai = true
			if len(c.Args) != 1 || !strings.HasPrefix(c.Args[0], "services/") {
				fail("%s/%s: args must name one service main", w.name, c.Name)
			} else if _, err := os.Stat(filepath.Join("..", "..", "..", c.Args[0])); err != nil {
				fail("%s/%s: %s does not exist in the repository", w.name, c.Name, c.Args[0])
			}
		}
	}
	if gongkai {
		grace := int64(30)
		if spec.TerminationGracePeriodSeconds != nil {
			grace = *spec.TerminationGracePeriodSeconds
		}
		if grace*1000 < int64(shutdownMs)+5000 {
			fail("%s: terminationGracePeriodSeconds %d is under the shutdown deadline GONGKAI_SHUTDOWN_MS=%d (+5 s)", w.name, grace, shutdownMs)
		}
		if spec.SecurityContext == nil || spec.SecurityContext.RunAsNonRoot == nil || !*spec.SecurityContext.RunAsNonRoot {
			fail("%s: must run as non-root", w.name)
		}
	}
}

// claimTemplate: StatefulSet volumeClaimTemplates are named "data" here.
func claimTemplate(name string) (string, bool) { return name, name == "data" }

func checkService(name string, s *corev1.Service, ws []workload) {
	var hit *workload
	for i := range ws {
		if len(s.Spec.Selector) > 0 && labels.SelectorFromSet(s.Spec.Selector).Matches(labels.Set(ws[i].template.Labels)) {
			hit = &ws[i]
		}
	}
	if hit == nil {
		fail("Service %s selects no workload", name)
		return
	}
	for _, p := range s.Spec.Ports {
		if p.TargetPort.StrVal == "" {
			continue
		}
		found := false
		for _, c := range hit.template.Spec.Containers {
			for _, cp := range c.Ports {
				found = found || cp.Name == p.TargetPort.StrVal
			}
		}
		if !found {
			fail("Service %s: targetPort %s is not a container port of %s", name, p.TargetPort.StrVal, hit.name)
		}
	}
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
